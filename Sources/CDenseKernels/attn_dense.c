// SPDX-License-Identifier: Apache-2.0
// The training step's dense products with AVX-512, chosen at run time: the Swift code is
// compiled for baseline x86-64 (two doubles a vector), as OpenBLAS would not be.
#include "attn_dense.h"

#if defined(__x86_64__)
#include <immintrin.h>

// A multiply and an add stay two roundings, as in Swift: the same bits as the scalar loop.
#pragma clang fp contract(off)

bool attn_dense_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

// One output row from column `from` on, in the same order as the tiles.
__attribute__((target("avx512f"))) static void row_tail(
    const double *a, long inner_stride, const double *b, double *o, long from, long k, long m, bool accumulate) {
    if (!accumulate) {
        for (long j = from; j < m; j++) o[j] = 0;
    }
    for (long p = 0; p < k; p++) {
        const double s = a[p * inner_stride];
        const double *bp = b + p * m;
        for (long j = from; j < m; j++) o[j] = o[j] + s * bp[j];
    }
}

__attribute__((target("avx512f"))) void attn_dense_product_avx512(
    const double *a, long row_stride, long inner_stride, const double *b, double *out, long n, long k, long m,
    bool accumulate) {
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        const double *a0 = a + i * row_stride;
        double *o0 = out + i * m;
        long j = 0;
        // Tiles of 4 rows × 16 columns: eight accumulators, each b vector feeding four rows.
        for (; j + 16 <= m; j += 16) {
            __m512d c[4][2];
            for (int r = 0; r < 4; r++) {
                c[r][0] = accumulate ? _mm512_loadu_pd(o0 + r * m + j) : _mm512_setzero_pd();
                c[r][1] = accumulate ? _mm512_loadu_pd(o0 + r * m + j + 8) : _mm512_setzero_pd();
            }
            for (long p = 0; p < k; p++) {
                const double *bp = b + p * m + j;
                const __m512d b0 = _mm512_loadu_pd(bp), b1 = _mm512_loadu_pd(bp + 8);
                for (int r = 0; r < 4; r++) {
                    const __m512d s = _mm512_set1_pd(a0[r * row_stride + p * inner_stride]);
                    c[r][0] = _mm512_add_pd(c[r][0], _mm512_mul_pd(s, b0));
                    c[r][1] = _mm512_add_pd(c[r][1], _mm512_mul_pd(s, b1));
                }
            }
            for (int r = 0; r < 4; r++) {
                _mm512_storeu_pd(o0 + r * m + j, c[r][0]);
                _mm512_storeu_pd(o0 + r * m + j + 8, c[r][1]);
            }
        }
        // Then 8 columns at a time, the rest lane by lane under a mask.
        for (; j < m; j += 8) {
            const long left = m - j;
            const __mmask8 mask = left >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << left) - 1);
            __m512d c[4];
            for (int r = 0; r < 4; r++) {
                c[r] = accumulate ? _mm512_maskz_loadu_pd(mask, o0 + r * m + j) : _mm512_setzero_pd();
            }
            for (long p = 0; p < k; p++) {
                const __m512d bv = _mm512_maskz_loadu_pd(mask, b + p * m + j);
                for (int r = 0; r < 4; r++) {
                    const __m512d s = _mm512_set1_pd(a0[r * row_stride + p * inner_stride]);
                    c[r] = _mm512_add_pd(c[r], _mm512_mul_pd(s, bv));
                }
            }
            for (int r = 0; r < 4; r++) _mm512_mask_storeu_pd(o0 + r * m + j, mask, c[r]);
        }
    }
    for (; i < n; i++) row_tail(a + i * row_stride, inner_stride, b, out + i * m, 0, k, m, accumulate);
}

#else

bool attn_dense_has_avx512(void) { return false; }

void attn_dense_product_avx512(
    const double *a, long row_stride, long inner_stride, const double *b, double *out, long n, long k, long m,
    bool accumulate) {
    (void)a; (void)row_stride; (void)inner_stride; (void)b; (void)out; (void)n; (void)k; (void)m; (void)accumulate;
}

#endif
