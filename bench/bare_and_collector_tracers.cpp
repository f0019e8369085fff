// The benchmark's reference variant (nothing attached) and the kmemharness collectors variant.
#include "tracer.h"

namespace kmh {

namespace {

class BareTracer : public Tracer {
public:
	std::string name() const override { return "bare"; }
	void start() override {}
	void stop() override {}
};

// The kmem collectors, and the opt-in ones named in `extra` beside them.
class KmemharnessTracer : public Tracer {
public:
	KmemharnessTracer(const KernelFacts &facts, std::vector<std::string> extra)
		: facts_(facts), extra_(std::move(extra))
	{
	}
	std::string name() const override
	{
		std::string name = "kmemharness";
		for (const std::string &collector : extra_)
			name += "+" + collector;
		return name;
	}
	void start() override
	{
		collectors_ = start_all_collectors(facts_, CollectorSettings{});
		for (const std::string &name : extra_) {
			collectors_.push_back(make_bpf_collector(name, facts_));
			collectors_.back()->start(CollectorSettings{});
		}
	}
	void stop() override { collectors_.clear(); }

private:
	KernelFacts facts_;
	std::vector<std::string> extra_;
	std::vector<std::unique_ptr<BpfCollector>> collectors_;
};

}  // namespace

std::vector<std::unique_ptr<BpfCollector>> start_all_collectors(const KernelFacts &facts,
								 const CollectorSettings &settings)
{
	std::vector<std::unique_ptr<BpfCollector>> collectors;
	for (const std::string &name : kmem_collector_names()) {
		collectors.push_back(make_bpf_collector(name, facts));
		collectors.back()->start(settings);
	}
	return collectors;
}

std::unique_ptr<Tracer> make_bare_tracer()
{
	return std::make_unique<BareTracer>();
}

std::unique_ptr<Tracer> make_kmemharness_tracer(const KernelFacts &facts)
{
	return std::make_unique<KmemharnessTracer>(facts, std::vector<std::string>{});
}

std::unique_ptr<Tracer> make_kmemharness_callsite_tracer(const KernelFacts &facts)
{
	return std::make_unique<KmemharnessTracer>(facts, std::vector<std::string>{"callsite"});
}

}  // namespace kmh
