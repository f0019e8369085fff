// Tests of reading a kernel release from a bzImage setup header (harness/vm/kernel_image.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "exit_code_of.h"
#include "fake_bzimage.h"
#include "vm/kernel_image.h"

namespace kmh {
namespace {

const std::string debian_version = "6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC "
				   "Debian 6.1.158-1 (2025-11-09)";

TEST(KernelImage, ReadsTheVersionTheHeaderPointsTo)
{
	EXPECT_EQ(bzimage_version_text(fake_bzimage(debian_version)), debian_version);
	EXPECT_EQ(bzimage_version_text(fake_bzimage("6.18.0 #3", 0x2400)), "6.18.0 #3");
}

// `head -c 1000000` of a real image: the header declares more than the file holds.
TEST(KernelImage, RejectsATruncatedImage)
{
	std::string image = fake_bzimage(debian_version);
	image.resize(image.size() - 32);
	try {
		bzimage_version_text(image);
		FAIL() << "a truncated image was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos) << error.what();
	}
}

TEST(KernelImage, ReleaseIsTheFirstWord)
{
	EXPECT_EQ(release_of(debian_version), "6.1.0-56-amd64");
	EXPECT_EQ(release_of("6.18.0"), "6.18.0");
}

TEST(KernelImage, RejectsWhatIsNotABzImage)
{
	std::string image = fake_bzimage(debian_version);
	image.replace(0x202, 4, "ELF!");
	EXPECT_EQ(exit_code_of([&] { bzimage_version_text(image); }), ExitCode::invalid_input);
	EXPECT_EQ(exit_code_of([] { bzimage_version_text("short"); }), ExitCode::invalid_input);
	std::string no_pointer = fake_bzimage(debian_version);
	no_pointer[0x20E] = no_pointer[0x20F] = '\0';
	EXPECT_EQ(exit_code_of([&] { bzimage_version_text(no_pointer); }), ExitCode::invalid_input);
}

TEST(KernelImage, MissingHeadersNameTheDebianPackage)
{
	std::filesystem::path image = std::filesystem::temp_directory_path() / "kmh_kernel_image_test.bzImage";
	std::ofstream(image, std::ios::binary) << fake_bzimage("9.9.9-test #1");
	try {
		inspect_kernel_image(image.string(), "");
		ADD_FAILURE() << "no error for missing headers";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("/usr/src/linux-headers-9.9.9-test"), std::string::npos);
		EXPECT_NE(std::string(error.what()).find("apt-get install linux-headers-9.9.9-test"), std::string::npos);
	}
	std::filesystem::remove(image);
}

TEST(KernelImage, MissingImageIsAnEnvironmentError)
{
	EXPECT_EQ(exit_code_of([] { inspect_kernel_image("/nonexistent/vmlinuz", ""); }), ExitCode::environment);
}

// A suite's packages unpacked into a folder (scripts/fetch-kernel.sh): the headers are found
// beside the image in the same root, not in the host's /usr/src.
TEST(KernelImage, HeadersAreFoundInTheRootTheImageCameWith)
{
	namespace fs = std::filesystem;
	fs::path root = fs::temp_directory_path() / "kmh_kernel_image_root_test";
	fs::remove_all(root);
	fs::path image = root / "usr/lib/modules/9.9.9-test/vmlinuz";
	fs::create_directories(image.parent_path());
	fs::create_directories(root / "usr/src/linux-headers-9.9.9-test");
	std::ofstream(image, std::ios::binary) << fake_bzimage("9.9.9-test #1");
	std::ofstream(root / "usr/src/linux-headers-9.9.9-test/Makefile") << "all:\n";
	KernelImage found = inspect_kernel_image(image.string(), "");
	EXPECT_EQ(found.headers_dir, (root / "usr/src/linux-headers-9.9.9-test").string());

	fs::path boot_image = root / "boot/vmlinuz-9.9.9-test";
	fs::create_directories(boot_image.parent_path());
	fs::copy_file(image, boot_image);
	EXPECT_EQ(inspect_kernel_image(boot_image.string(), "").headers_dir, found.headers_dir);
	fs::remove_all(root);
}

// A kernel build folder (make O=DIR): its bzImage is booted, the folder itself is the headers.
TEST(KernelImage, ABuildFolderIsItsImageAndItsHeaders)
{
	namespace fs = std::filesystem;
	fs::path tree = fs::temp_directory_path() / "kmh_kernel_image_tree_test";
	fs::remove_all(tree);
	fs::create_directories(tree / "arch/x86/boot");
	for (const char *file : { ".config", "Module.symvers", "modules.order", "Makefile" })
		std::ofstream(tree / file) << "\n";
	std::ofstream(tree / "arch/x86/boot/bzImage", std::ios::binary) << fake_bzimage("6.12.118-kmh #1");
	KernelImage found = inspect_kernel_image(tree.string(), "");
	EXPECT_EQ(found.path, (tree / "arch/x86/boot/bzImage").string());
	EXPECT_EQ(found.tree_dir, tree.string());
	EXPECT_EQ(found.headers_dir, tree.string());
	EXPECT_EQ(found.release, "6.12.118-kmh");
	EXPECT_EQ(kernel_image_release(tree.string()), "6.12.118-kmh");
	EXPECT_EQ(inspect_kernel_image(tree.string(), "/elsewhere", HeadersNeed::not_needed).headers_dir, "/elsewhere");
	fs::remove_all(tree);
}

// A folder without a built kernel: exit 3, naming the first file missing and the make that makes it.
TEST(KernelImage, AFolderWithoutABuiltKernelNamesWhatItLacks)
{
	namespace fs = std::filesystem;
	fs::path tree = fs::temp_directory_path() / "kmh_kernel_image_unbuilt_test";
	fs::remove_all(tree);
	fs::create_directories(tree);
	std::ofstream(tree / ".config") << "\n";
	try {
		inspect_kernel_image(tree.string(), "", HeadersNeed::not_needed);
		ADD_FAILURE() << "a folder without a bzImage was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("no arch/x86/boot/bzImage (make O=DIR bzImage makes it)"),
			  std::string::npos)
			<< error.what();
	}
	fs::remove_all(tree);
}

}  // namespace
}  // namespace kmh
