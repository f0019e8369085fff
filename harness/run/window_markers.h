// USDT probes at the edges of the measured window, for tracing the harness from outside.
#pragma once

#include <sys/sdt.h>

namespace kmh {

// Every collector is attached and counting: `usdt:<binary>:kmemharness:window_open` in bpftrace.
inline void mark_window_open()
{
	DTRACE_PROBE(kmemharness, window_open);
}

// The collectors are about to be detached: `usdt:<binary>:kmemharness:window_close`.
inline void mark_window_close()
{
	DTRACE_PROBE(kmemharness, window_close);
}

}  // namespace kmh
