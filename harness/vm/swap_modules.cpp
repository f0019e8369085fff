// zram and its dependencies, looked up in the guest kernel's modules folder.
#include "vm/swap_modules.h"

#include "vm/module_dependencies.h"

namespace kmh {

std::vector<std::string> zram_module_files(const std::string &modules_dir, const std::string &release)
{
	return module_load_order(modules_dir, release, { { { "kernel/drivers/block/zram/zram.ko" }, "CONFIG_ZRAM" } });
}

}  // namespace kmh
