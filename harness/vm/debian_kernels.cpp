// The kernel metapackage table generated from scripts/debian-kernels.tsv.
#include "vm/debian_kernels.h"

#include <vector>

namespace kmh {

namespace {

struct DebianKernel {
	std::string series;   // "6.12"
	std::string flavour;  // "generic"
	std::string image;    // "linux-image-6.12-amd64"
	std::string headers;  // "linux-headers-6.12-amd64"
	std::string users;    // "test", "docs": who boots it (scripts/setup.sh installs the test rows)
};

const std::vector<DebianKernel> &debian_kernels()
{
	static const std::vector<DebianKernel> table = {
#include "debian_kernels.inc"
	};
	return table;
}

}  // namespace

std::string kernel_install_hint(const KernelChoice &choice)
{
	for (const DebianKernel &row : debian_kernels())
		if ((choice.series.empty() || row.series == choice.series) && row.flavour == choice.flavour)
			return "apt-get install " + row.image + " " + row.headers;
	return "install a linux-image-*-amd64 package of the " + describe(choice) + " kernel and its linux-headers-*";
}

}  // namespace kmh
