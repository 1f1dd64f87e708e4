#ifndef ELIGCHECK_JSON_SCAN_H
#define ELIGCHECK_JSON_SCAN_H
/*
 * The length of the run of bytes at the start of `bytes[0..<count]` that a JSON string
 * may hold bare: it ends at the first control character (below 0x20), quote or backslash,
 * or at `count`. Bytes of 0x80 and above never end it, so UTF-8 sequences pass whole.
 *
 * With SSE2 (every x86-64) sixteen bytes are tested at once; a string shorter than
 * sixteen is read as two overlapping words of eight or four, and the last block of a
 * longer one as the sixteen bytes that end it. No byte outside `bytes[0..<count]` is
 * read. Elsewhere the bytes are tested one by one.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline int eligcheck_json_needs_escape(uint8_t byte) {
    return byte < 0x20 || byte == '"' || byte == '\\';
}

#if defined(__SSE2__)
/* One bit per byte of `v` that needs an escape, bit 0 for the first byte. */
static inline unsigned eligcheck_json_escape_mask(__m128i v) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    /* v <= 0x1F, unsigned: the smaller of v and 0x1F is v itself. */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(control, special));
}

/* The first byte needing an escape among `lo` (bytes at 0..<width) and `hi` (the `width`
   bytes that end the `count`), each loaded in the low lanes of a register; `count` if none. */
static inline size_t eligcheck_json_first_of_two(__m128i lo, __m128i hi, size_t width, size_t count) {
    unsigned low_lanes = (1u << width) - 1;
    unsigned first = eligcheck_json_escape_mask(lo) & low_lanes;
    if (first) return (size_t)__builtin_ctz(first);
    unsigned second = eligcheck_json_escape_mask(hi) & low_lanes;
    if (second) return count - width + (size_t)__builtin_ctz(second);
    return count;
}
#endif

static inline size_t eligcheck_json_plain_run(const uint8_t *bytes, size_t count) {
#if defined(__SSE2__)
    if (count >= 16) {
        size_t i = 0;
        for (; i + 16 <= count; i += 16) {
            unsigned mask = eligcheck_json_escape_mask(_mm_loadu_si128((const __m128i *)(bytes + i)));
            if (mask) return i + (size_t)__builtin_ctz(mask);
        }
        if (i == count) return count;
        /* The last sixteen bytes; the lanes before `i` were tested already. */
        size_t start = count - 16;
        unsigned mask = eligcheck_json_escape_mask(_mm_loadu_si128((const __m128i *)(bytes + start)));
        mask >>= (i - start);
        return mask ? i + (size_t)__builtin_ctz(mask) : count;
    }
    if (count >= 8) {
        uint64_t lo, hi;
        memcpy(&lo, bytes, 8);
        memcpy(&hi, bytes + count - 8, 8);
        return eligcheck_json_first_of_two(_mm_cvtsi64_si128((long long)lo), _mm_cvtsi64_si128((long long)hi), 8, count);
    }
    if (count >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, bytes, 4);
        memcpy(&hi, bytes + count - 4, 4);
        return eligcheck_json_first_of_two(_mm_cvtsi32_si128((int)lo), _mm_cvtsi32_si128((int)hi), 4, count);
    }
#endif
    for (size_t i = 0; i < count; i++) {
        if (eligcheck_json_needs_escape(bytes[i])) return i;
    }
    return count;
}
#endif
