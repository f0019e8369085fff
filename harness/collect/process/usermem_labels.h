// Label values of the usermem collectors (faults, mmap, shm, hugetlb), made from their raw BPF keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kmh {

// A task's comm as a label: up to the first NUL of `size` bytes; bytes outside printable ASCII
// become \xNN, so labels stay valid UTF-8 and tell odd names apart.
std::string comm_label(const char *comm, std::size_t size);

// "ok" for 0, else the errno's name ("EINVAL"); a number without a name is written "E<n>".
std::string result_label(std::uint32_t error);

// A System V IPC key as ipcs(1) prints it: "0x0000abcd".
std::string ipc_key_label(std::uint32_t key);

// A shmctl command: "IPC_RMID", "IPC_STAT", ..., or its number when it has no name.
std::string shmctl_cmd_label(std::int32_t cmd);

// The file name behind a hugetlb mapping as a label: "anon" for MAP_HUGETLB anonymous memory
// (the kernel's internal file "anon_hugepage", or no file), else the name as the kernel has it
// ("SYSV0000abcd" for SysV shared memory, "memfd:name", a hugetlbfs file's name).
std::string hugetlb_mapping_label(const char *name, std::size_t size);

}  // namespace kmh
