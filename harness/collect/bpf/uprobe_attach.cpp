// Resolving each target function's file offset and attaching its entry and return programs.
#include "collect/bpf/uprobe_attach.h"

#include <bpf/libbpf.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>

#include "collect/bpf/elf_function.h"
#include "collect/bpf/libbpf_log.h"
#include "common/error.h"

namespace kmh {

namespace {

bpf_program *program_named(bpf_object *object, const char *name)
{
	bpf_program *program = bpf_object__find_program_by_name(object, name);
	if (!program)
		throw run_error(std::string("BPF object has no program ") + name);
	return program;
}

bpf_link *attach_one(bpf_object *object, const char *program, int pid, const std::string &library,
		     std::uint64_t offset, bool retprobe)
{
	LIBBPF_OPTS(bpf_uprobe_opts, options, .retprobe = retprobe);
	bpf_link *link = bpf_program__attach_uprobe_opts(program_named(object, program), pid, library.c_str(),
							 offset, &options);
	if (!link) {
		int error = errno;
		throw run_error("cannot attach " + std::string(program) + " to " + library + " in pid " +
				std::to_string(pid) + ": " + std::strerror(error) + "\n" + take_libbpf_log());
	}
	return link;
}

void note_once(std::vector<std::string> &notes, const std::string &note)
{
	if (std::find(notes.begin(), notes.end(), note) == notes.end())
		notes.push_back(note);
}

}  // namespace

void attach_uprobes(bpf_object *object, int pid, const std::string &library,
		    const std::vector<UprobeTarget> &targets, UprobeAttachment &attachment)
{
	std::map<std::uint64_t, const char *> attached_at;
	for (const UprobeTarget &target : targets) {
		std::optional<std::uint64_t> offset = elf_function_offset(library, target.function);
		if (!offset) {
			if (target.required)
				throw environment_error(library + " defines no function " + target.function +
							": it is not a C library malloc can be traced in");
			note_once(attachment.skipped, std::string(target.function) + ": not defined in " + library);
			continue;
		}
		if (auto alias = attached_at.find(*offset); alias != attached_at.end()) {
			note_once(attachment.skipped,
				  std::string(target.function) + ": same address as " + alias->second + ", probed once");
			continue;
		}
		attached_at[*offset] = target.function;
		if (target.entry_program)
			attachment.links.push_back(attach_one(object, target.entry_program, pid, library, *offset, false));
		if (target.return_program)
			attachment.links.push_back(attach_one(object, target.return_program, pid, library, *offset, true));
		note_once(attachment.attached, library + ":" + target.function);
	}
}

}  // namespace kmh
