/* The scanner is all in include/json_scan.h, inlined where Swift calls it; this file makes
   the C target SwiftPM builds. */
#include "json_scan.h"
