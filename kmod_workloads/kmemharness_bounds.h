/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmemharness_bounds.h - the request bounds of the kmemharness module, included by the module
 * and by the harness (workloads/kmod_request.h), which checks requests against them first.
 *
 * Only bounds the module fixes itself are here; the ones it takes from the kernel it is built
 * for (KMALLOC_MAX_SIZE, the highest page order) are not.
 */
#ifndef KMEMHARNESS_BOUNDS_H
#define KMEMHARNESS_BOUNDS_H

#define KMH_MAX_COUNT		1000000UL
#define KMH_TAG_LEN		32	/* with the terminating NUL */
#define KMH_MIN_OBJECT_SIZE	8U
#define KMH_MAX_OBJECT_SIZE	65536U
#define KMH_MAX_ALIGN		4096U
#define KMH_MIN_VMALLOC		4096UL
#define KMH_MAX_VMALLOC		(256UL << 20)

#endif /* KMEMHARNESS_BOUNDS_H */
