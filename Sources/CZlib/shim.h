#ifndef DUTYDESK_CZLIB_SHIM_H
#define DUTYDESK_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit/inflateInit are macros that pass the version and struct size; Swift cannot import them.
static inline int czlib_deflateInit(z_streamp s, int level) { return deflateInit(s, level); }
static inline int czlib_inflateInit(z_streamp s) { return inflateInit(s); }
#endif
