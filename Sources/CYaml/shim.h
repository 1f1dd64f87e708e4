#ifndef ELIGCHECK_CYAML_SHIM_H
#define ELIGCHECK_CYAML_SHIM_H
#include <yaml.h>
#endif
