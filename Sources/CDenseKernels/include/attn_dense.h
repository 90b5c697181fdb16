// SPDX-License-Identifier: Apache-2.0
#ifndef ATTN_DENSE_H
#define ATTN_DENSE_H

#include <stdbool.h>

/// Whether this CPU (and its OS) runs AVX-512F: the wide kernel below may be called.
bool attn_dense_has_avx512(void);

/// out (n × m) = A · b, or out += A · b when `accumulate`, where A's element (r, p) is
/// a[r · row_stride + p · inner_stride] and b is k × m, row-major. Eight doubles a vector;
/// each output is summed in the plain order (its start value, then p ascending), one
/// rounding per multiply and per add (never fused), so it gives the same bits as the scalar
/// loop. Only where attn_dense_has_avx512() is true.
void attn_dense_product_avx512(
    const double *a, long row_stride, long inner_stride, const double *b, double *out, long n, long k, long m,
    bool accumulate);

#endif
