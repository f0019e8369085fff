// mmap/madvise/mincore behind the Mapping class; failures become run errors naming the call.
#include "workloads/memory_mapping.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

namespace {

Error mapping_error(const std::string &call, std::size_t bytes, int err)
{
	return errno_error(ExitCode::run_failed, fmt::format("{} of {} bytes failed", call, bytes), err);
}

char *map_anonymous(std::size_t bytes, SwapReserve reserve)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (reserve == SwapReserve::noreserve ? MAP_NORESERVE : 0);
	void *data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (data == MAP_FAILED)
		throw mapping_error("mmap", bytes, errno);
	return static_cast<char *>(data);
}

// Maps `bytes` starting on a huge page boundary by over-mapping and trimming both ends.
char *map_anonymous_huge_aligned(std::size_t bytes, SwapReserve reserve)
{
	char *raw = map_anonymous(bytes + huge_page_size, reserve);
	auto address = reinterpret_cast<std::uintptr_t>(raw);
	std::size_t head = (huge_page_size - address % huge_page_size) % huge_page_size;
	std::size_t tail = huge_page_size - head;
	if (head != 0)
		munmap(raw, head);
	munmap(raw + head + bytes, tail);
	return raw + head;
}

// EINVAL: a kernel without transparent huge pages, which maps base pages anyway.
void forbid_huge_pages(char *data, std::size_t bytes)
{
	if (madvise(data, bytes, MADV_NOHUGEPAGE) != 0 && errno != EINVAL)
		throw mapping_error("madvise(MADV_NOHUGEPAGE)", bytes, errno);
}

void request_huge_pages(char *data, std::size_t bytes)
{
	if (madvise(data, bytes, MADV_HUGEPAGE) == 0)
		return;
	if (errno == EINVAL)
		throw environment_error("this kernel has no transparent huge pages (madvise(MADV_HUGEPAGE) failed with EINVAL)");
	throw mapping_error("madvise(MADV_HUGEPAGE)", bytes, errno);
}

}  // namespace

std::size_t page_size()
{
	static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
	return size;
}

void require_multiple_of(const std::string &option, std::int64_t bytes, std::size_t unit)
{
	if (bytes % static_cast<std::int64_t>(unit) != 0)
		throw invalid_input(fmt::format("option {} = {} is not a multiple of {} bytes", option, bytes, unit));
}

Mapping Mapping::anonymous(std::size_t bytes, HugePages huge, SwapReserve reserve)
{
	if (huge == HugePages::forbid) {
		Mapping mapping(map_anonymous(bytes, reserve), bytes);
		forbid_huge_pages(mapping.data_, bytes);
		return mapping;
	}
	Mapping mapping(map_anonymous_huge_aligned(bytes, reserve), bytes);
	request_huge_pages(mapping.data_, bytes);
	return mapping;
}

Mapping Mapping::file_read_only(int fd, std::size_t bytes)
{
	void *data = mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED)
		throw mapping_error("mmap of a file", bytes, errno);
	return Mapping(static_cast<char *>(data), bytes);
}

Mapping Mapping::file(int fd, std::size_t bytes, Sharing sharing)
{
	int flags = sharing == Sharing::shared ? MAP_SHARED : MAP_PRIVATE;
	void *data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, flags, fd, 0);
	if (data == MAP_FAILED)
		throw mapping_error("mmap of a file", bytes, errno);
	return Mapping(static_cast<char *>(data), bytes);
}

Mapping Mapping::hugetlb_anonymous(std::size_t bytes)
{
	void *data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (data == MAP_FAILED)
		throw mapping_error("mmap(MAP_HUGETLB)", bytes, errno);
	return Mapping(static_cast<char *>(data), bytes);
}

Mapping::Mapping(Mapping &&other) noexcept
	: data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0))
{
}

Mapping &Mapping::operator=(Mapping &&other) noexcept
{
	if (this != &other) {
		unmap();
		data_ = std::exchange(other.data_, nullptr);
		size_ = std::exchange(other.size_, 0);
	}
	return *this;
}

Mapping::~Mapping()
{
	unmap();
}

void Mapping::unmap() noexcept
{
	if (data_ != nullptr)
		munmap(data_, size_);
	data_ = nullptr;
	size_ = 0;
}

std::size_t touch_every(char *data, std::size_t size, std::size_t stride)
{
	volatile char *bytes = data;
	std::size_t written = 0;
	for (std::size_t offset = 0; offset < size; offset += stride) {
		bytes[offset] = 1;
		written++;
	}
	return written;
}

std::size_t Mapping::touch(std::size_t stride)
{
	return touch_every(data_, size_, stride);
}

std::size_t Mapping::free_every_other_page()
{
	std::size_t freed = 0;
	for (std::size_t offset = 0; offset < size_; offset += 2 * page_size()) {
		advise(offset, page_size(), MADV_DONTNEED);
		freed++;
	}
	return freed;
}

void Mapping::advise(std::size_t offset, std::size_t length, int advice)
{
	if (madvise(data_ + offset, length, advice) != 0)
		throw mapping_error(fmt::format("madvise(advice {})", advice), length, errno);
}

std::size_t Mapping::resident_pages() const
{
	std::vector<unsigned char> residency((size_ + page_size() - 1) / page_size());
	if (mincore(data_, size_, residency.data()) != 0)
		throw mapping_error("mincore", size_, errno);
	std::size_t resident = 0;
	for (unsigned char page : residency)
		resident += page & 1;
	return resident;
}

}  // namespace kmh
