#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
int attn_shim_placeholder(void);
#endif
