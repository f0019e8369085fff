// RAII memory mappings, the page-touching loop and the page sizes the memory workloads share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kmh {

// A PMD-sized transparent huge page on x86_64.
inline constexpr std::size_t huge_page_size = std::size_t(2) << 20;

// The base page size (sysconf(_SC_PAGESIZE)).
std::size_t page_size();

// Throws invalid_input unless `bytes`, the value of option `option`, is a whole number of `unit`s.
void require_multiple_of(const std::string &option, std::int64_t bytes, std::size_t unit);

enum class HugePages {
	forbid,   // madvise(MADV_NOHUGEPAGE): base pages only
	request,  // madvise(MADV_HUGEPAGE) on a 2 MiB aligned range
};

enum class SwapReserve { reserve, noreserve };  // noreserve: MAP_NORESERVE, for sparse spans

enum class Sharing { shared, private_copy };  // MAP_SHARED or MAP_PRIVATE

// Writes one byte every `stride` bytes of [data, data + size); returns how many bytes it wrote.
std::size_t touch_every(char *data, std::size_t size, std::size_t stride);

// One mapping, unmapped when destroyed; movable so it can be handed to another thread.
class Mapping {
public:
	static Mapping anonymous(std::size_t bytes, HugePages huge, SwapReserve reserve = SwapReserve::reserve);
	static Mapping file_read_only(int fd, std::size_t bytes);
	// Read-write mapping of a file (a hugetlb memfd, say).
	static Mapping file(int fd, std::size_t bytes, Sharing sharing);
	// MAP_HUGETLB anonymous memory of the default huge page size; `bytes` a multiple of it.
	static Mapping hugetlb_anonymous(std::size_t bytes);

	Mapping(Mapping &&other) noexcept;
	Mapping &operator=(Mapping &&other) noexcept;
	Mapping(const Mapping &) = delete;
	Mapping &operator=(const Mapping &) = delete;
	~Mapping();

	char *data() const { return data_; }
	std::size_t size() const { return size_; }

	// Writes one byte every `stride` bytes from the start; returns how many bytes it wrote.
	std::size_t touch(std::size_t stride);
	// madvise() on [offset, offset + length).
	void advise(std::size_t offset, std::size_t length, int advice);
	// Frees every other base page (MADV_DONTNEED) so no two neighbouring free pages can merge;
	// returns how many it freed.
	std::size_t free_every_other_page();
	// How many of its pages are in memory (mincore).
	std::size_t resident_pages() const;

private:
	Mapping(char *data, std::size_t size) : data_(data), size_(size) {}
	void unmap() noexcept;

	char *data_ = nullptr;
	std::size_t size_ = 0;
};

}  // namespace kmh
