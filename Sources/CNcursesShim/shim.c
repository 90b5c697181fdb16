#include "CNcursesShim.h"
int attn_shim_placeholder(void) { return 0; }
