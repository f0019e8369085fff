// A BpfCollector built on a bpftool skeleton: tries attach variants in order until one loads.
#pragma once

#include <bpf/libbpf.h>

#include <string>
#include <vector>

#include "collect/bpf/attach_variant.h"
#include "collect/bpf/libbpf_log.h"
#include "collect/bpf/workload_pids.h"
#include "collect/bpf_collector.h"
#include "common/error.h"

namespace kmh {

template <typename Skeleton>
struct SkeletonOps {
	Skeleton *(*open)();
	int (*load)(Skeleton *);
	void (*destroy)(Skeleton *);
};

template <typename Skeleton>
class SkeletonCollector : public BpfCollector {
public:
	SkeletonCollector(std::string name, SkeletonOps<Skeleton> ops, std::vector<AttachVariant> preference)
		: name_(std::move(name)), ops_(ops), preference_(std::move(preference))
	{
	}
	~SkeletonCollector() override
	{
		destroy_links(links_);
		if (skeleton_)
			ops_.destroy(skeleton_);
	}

	std::string name() const override { return name_; }

	// May be called again after it threw: what the failed attempt loaded is dropped first.
	void start(const CollectorSettings &settings) override
	{
		destroy_links(links_);
		programs_.clear();
		if (skeleton_)
			ops_.destroy(skeleton_);
		skeleton_ = nullptr;
		std::string failures;
		for (AttachVariant variant : variants_to_try(settings.attach, preference_)) {
			if (try_load(variant, settings, failures) && try_attach(variant, failures)) {
				variant_ = variant;
				return;
			}
		}
		throw environment_error("collector " + name_ + ": no attach variant could be loaded and attached on "
					"this kernel\n" + failures);
	}

	void stop() override { destroy_links(links_); }

	CollectorInfo info() const override
	{
		return CollectorInfo{name_, variant_name(variant_), programs_, note()};
	}

protected:
	// Layout filter on top of the variant: which of this variant's programs fit this kernel.
	virtual bool wants_program(const ProgramName &) const { return true; }
	// Sets the collector's own read-only knobs before the object is loaded.
	virtual void configure(Skeleton &) const {}
	virtual std::string note() const { return ""; }
	bpf_object *object() const { return skeleton_->obj; }
	AttachVariant variant() const { return variant_; }

private:
	bool try_load(AttachVariant variant, const CollectorSettings &settings, std::string &failures)
	{
		Skeleton *skeleton = ops_.open();
		if (!skeleton) {
			failures += std::string(variant_name(variant)) + ": cannot open the BPF object\n";
			return false;
		}
		skeleton->rodata->workload_cgroup_id = settings.workload_cgroup_id;
		skeleton->rodata->track_workload_pids = !settings.workload_pids.empty();
		skeleton->rodata->workload_any_context = settings.workload_context == WorkloadContextMode::any;
		configure(*skeleton);
		select_programs(skeleton->obj, variant, [this](const ProgramName &p) { return wants_program(p); });
		if (ops_.load(skeleton) != 0) {
			failures += std::string(variant_name(variant)) + ": " + take_libbpf_log(6);
			ops_.destroy(skeleton);
			return false;
		}
		skeleton_ = skeleton;
		add_workload_pids(skeleton->obj, settings.workload_pids);
		return true;
	}

	// A variant can load and still not attach: fentry on a kernel built without the ftrace call
	// at each function's start (no CONFIG_FUNCTION_TRACER) is EBUSY. The next variant is tried.
	bool try_attach(AttachVariant variant, std::string &failures)
	{
		try {
			links_ = attach_loaded_programs(skeleton_->obj, programs_);
			return true;
		} catch (const Error &error) {
			failures += std::string(variant_name(variant)) + ": loaded, but " + error.what() + "\n";
			programs_.clear();
			ops_.destroy(skeleton_);
			skeleton_ = nullptr;
			return false;
		}
	}

	std::string name_;
	SkeletonOps<Skeleton> ops_;
	std::vector<AttachVariant> preference_;
	Skeleton *skeleton_ = nullptr;
	std::vector<bpf_link *> links_;
	std::vector<std::string> programs_;
	AttachVariant variant_ = AttachVariant::tp_btf;
};

}  // namespace kmh
