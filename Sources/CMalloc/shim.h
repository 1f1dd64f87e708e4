#ifndef ELIGCHECK_CMALLOC_SHIM_H
#define ELIGCHECK_CMALLOC_SHIM_H
/* glibc's mallopt, which Swift's Glibc module does not bring in. */
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif
