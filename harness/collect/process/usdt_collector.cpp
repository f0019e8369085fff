// The usdt collector: hits of the scenario's USDT probes in the workload processes, via libbpf's USDT support.
#include <bpf/libbpf.h>
#include <sys/stat.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "collect/bpf/attach_variant.h"
#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/libbpf_log.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/process_maps.h"
#include "collect/bpf/usdt_notes.h"
#include "collect/bpf_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/usdt_metrics.h"
#include "common/error.h"
#include "scenario/usdt_presets.h"
#include "usdt.skel.h"

namespace kmh {

namespace {

std::string probe_text(const UsdtProbeSpec &probe)
{
	return probe.provider + ":" + probe.name;
}

std::uint32_t aggregation_code(UsdtAggregation aggregation)
{
	switch (aggregation) {
	case UsdtAggregation::sum:
		return KMH_USDT_SUM;
	case UsdtAggregation::log2:
		return KMH_USDT_LOG2;
	default:
		return KMH_USDT_COUNT;
	}
}

void require_uprobes()
{
	struct stat info;
	if (stat("/sys/bus/event_source/devices/uprobe", &info) != 0)
		throw environment_error("collector usdt: this kernel has no uprobe events "
					"(/sys/bus/event_source/devices/uprobe; CONFIG_UPROBE_EVENTS)");
}

// The provider:name pairs a file defines, for an error message.
std::string defined_probes(const std::vector<UsdtNote> &notes)
{
	if (notes.empty())
		return "it has no USDT probes at all (no .note.stapsdt notes)";
	std::string names;
	for (const UsdtNote &note : notes)
		if (names.find(note.provider + ":" + note.name) == std::string::npos)
			names += (names.empty() ? "" : ", ") + note.provider + ":" + note.name;
	return "it defines " + names;
}

class UsdtCollector : public BpfCollector {
public:
	~UsdtCollector() override
	{
		destroy_links(links_);
		if (skeleton_)
			usdt_bpf__destroy(skeleton_);
	}

	std::string name() const override { return "usdt"; }

	void start(const CollectorSettings &settings) override
	{
		require_uprobes();
		probes_ = settings.usdt_probes;
		load();
		for (std::size_t i = 0; i < settings.workload_processes.size(); i++)
			attach_to(settings.workload_processes[i], settings.workload_process_names.at(i));
		if (!settings.workload_processes.empty())
			check_everything_found();
	}

	void stop() override { destroy_links(links_); }

	std::vector<Metric> read() const override
	{
		return skeleton_ ? usdt_metrics(readout(), attached_, probes_) : std::vector<Metric>{};
	}

	CollectorInfo info() const override { return {"usdt", "usdt", attached_names_, note()}; }

private:
	void load()
	{
		usdt_bpf *skeleton = usdt_bpf__open();
		if (!skeleton)
			throw environment_error("collector usdt: cannot open the BPF object");
		if (usdt_bpf__load(skeleton) != 0) {
			usdt_bpf__destroy(skeleton);
			throw environment_error("collector usdt: the BPF program does not load on this kernel\n" +
						take_libbpf_log(6));
		}
		skeleton_ = skeleton;
	}

	const std::vector<UsdtNote> &notes_of(const std::string &path)
	{
		auto found = notes_.find(path);
		if (found == notes_.end())
			found = notes_.emplace(path, read_usdt_notes(path)).first;
		return found->second;
	}

	void attach_to(int pid, const std::string &workload)
	{
		std::optional<std::string> maps = read_process_maps(pid);
		if (!maps)
			throw run_error(fmt::format("collector usdt: workload {} (pid {}) is gone", workload, pid));
		attached_.workload_by_tgid[static_cast<std::uint32_t>(pid)] = workload;
		for (std::size_t index = 0; index < probes_.size(); index++) {
			const UsdtProbeSpec &probe = probes_[index];
			std::optional<std::string> path = mapped_file_path(*maps, probe.binary);
			if (!path)
				continue;
			binaries_[index] = *path;
			UsdtSites sites = usdt_sites(notes_of(*path), probe.provider, probe.name);
			if (sites.sites == 0)
				continue;
			check_argument(probe, *path, sites);
			attach_probe(index, pid, *path);
			attached_.probes_by_workload[workload].insert(index);
		}
	}

	void check_argument(const UsdtProbeSpec &probe, const std::string &path, const UsdtSites &sites) const
	{
		if (probe.aggregation != UsdtAggregation::none && probe.arg > sites.args)
			throw environment_error(fmt::format(
				"collector usdt: {}: probe {} in {} passes {} argument(s), so aggregate.arg = {} does not "
				"exist", probe.where.to_string(), probe_text(probe), path, sites.args, probe.arg));
	}

	void attach_probe(std::size_t index, int pid, const std::string &path)
	{
		const UsdtProbeSpec &probe = probes_[index];
		int arg = probe.aggregation == UsdtAggregation::none ? 0 : probe.arg - 1;
		LIBBPF_OPTS(bpf_usdt_opts, options,
			    .usdt_cookie = KMH_USDT_COOKIE(index, arg, aggregation_code(probe.aggregation)));
		bpf_link *link = bpf_program__attach_usdt(skeleton_->progs.usdt_hit, pid, path.c_str(),
							  probe.provider.c_str(), probe.name.c_str(), &options);
		if (!link) {
			int error = errno;
			throw run_error(fmt::format("collector usdt: cannot attach to {} in {} (pid {}): {}\n{}",
						    probe_text(probe), path, pid, std::strerror(error), take_libbpf_log()));
		}
		links_.push_back(link);
		std::string name = path + ":" + probe_text(probe);
		if (std::find(attached_names_.begin(), attached_names_.end(), name) == attached_names_.end())
			attached_names_.push_back(name);
	}

	bool attached_anywhere(std::size_t index) const
	{
		for (const auto &[workload, indexes] : attached_.probes_by_workload)
			if (indexes.count(index))
				return true;
		return false;
	}

	// A probe named alone must be found; of a preset, at least one probe per binary.
	void check_everything_found()
	{
		std::map<std::string, int> preset_found;  // "preset\nbinary" -> probes attached
		for (std::size_t index = 0; index < probes_.size(); index++) {
			const UsdtProbeSpec &probe = probes_[index];
			bool found = attached_anywhere(index);
			if (probe.preset.empty()) {
				if (!found)
					throw missing_probe(probe, index);
				continue;
			}
			preset_found[probe.preset + "\n" + probe.binary] += found ? 1 : 0;
			if (!found)
				missing_.push_back(probe_text(probe));
		}
		for (std::size_t index = 0; index < probes_.size(); index++) {
			const UsdtProbeSpec &probe = probes_[index];
			if (!probe.preset.empty() && preset_found[probe.preset + "\n" + probe.binary] == 0)
				throw missing_preset(probe, index);
		}
	}

	Error missing_probe(const UsdtProbeSpec &probe, std::size_t index)
	{
		auto binary = binaries_.find(index);
		if (binary == binaries_.end())
			return environment_error(fmt::format("collector usdt: {}: no workload process maps '{}', where "
							     "probe {} is to be found",
							     probe.where.to_string(), probe.binary, probe_text(probe)));
		return environment_error(fmt::format("collector usdt: {}: {} has no USDT probe {}: {}",
						     probe.where.to_string(), binary->second, probe_text(probe),
						     defined_probes(notes_of(binary->second))));
	}

	Error missing_preset(const UsdtProbeSpec &probe, std::size_t index)
	{
		const UsdtPreset &preset = *find_usdt_preset(probe.preset);
		auto binary = binaries_.find(index);
		if (binary == binaries_.end())
			return environment_error(fmt::format("collector usdt: {}: no workload process maps '{}', where "
							     "preset '{}' ({}) is to be found",
							     probe.where.to_string(), probe.binary, preset.name, preset.summary));
		return environment_error(fmt::format(
			"collector usdt: {}: {} has none of the {} probes of preset '{}' ({}, provider {}): {}; this "
			"build was made without SystemTap probes, so there is nothing to count",
			probe.where.to_string(), binary->second, preset.probes.size(), preset.name, preset.summary,
			preset.provider, defined_probes(notes_of(binary->second))));
	}

	UsdtReadout readout() const
	{
		UsdtReadout readout;
		constexpr std::size_t size = sizeof(usdt_tally);
		for (const RawMapEntry &entry :
		     read_hash_map(map_fd(skeleton_->obj, "hits"), sizeof(usdt_key), percpu_value_size(size))) {
			usdt_key key;
			std::memcpy(&key, entry.key.data(), sizeof(key));
			readout.tallies.push_back({key, {sum_percpu_u64(entry.value, size, 0), sum_percpu_u64(entry.value, size, 1)}});
		}
		for (const RawMapEntry &entry :
		     read_hash_map(map_fd(skeleton_->obj, "unreadable"), sizeof(std::uint32_t), percpu_value_size(8))) {
			std::uint32_t probe;
			std::memcpy(&probe, entry.key.data(), sizeof(probe));
			readout.unreadable[probe] = sum_percpu_u64(entry.value, 8, 0);
		}
		return readout;
	}

	std::string note() const
	{
		std::string note = fmt::format("{} attachment(s) in {} workload process(es)", links_.size(),
					       attached_.workload_by_tgid.size());
		if (!missing_.empty()) {
			note += "; preset probes not defined there: ";
			for (std::size_t i = 0; i < missing_.size(); i++)
				note += (i ? ", " : "") + missing_[i];
		}
		return note;
	}

	usdt_bpf *skeleton_ = nullptr;
	std::vector<UsdtProbeSpec> probes_;
	std::vector<bpf_link *> links_;
	std::vector<std::string> attached_names_;
	std::vector<std::string> missing_;                  // preset probes no workload's binary defines
	std::map<std::string, std::vector<UsdtNote>> notes_;  // path -> its probes
	std::map<std::size_t, std::string> binaries_;        // probe index -> the file it is looked up in
	UsdtAttached attached_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_usdt_collector(const KernelFacts &)
{
	return std::make_unique<UsdtCollector>();
}

}  // namespace kmh
