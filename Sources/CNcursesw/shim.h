#ifndef DUTYDESK_CNCURSESW_SHIM_H
#define DUTYDESK_CNCURSESW_SHIM_H

// SwiftPM drops the -D flags pkg-config gives for ncursesw; without these two, cchar_t,
// wget_wch and the other wide-character functions are not declared.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <poll.h>
#include <ncursesw/curses.h>

// wcwidth is declared only under _XOPEN_SOURCE, which Glibc's module is not built with.
extern int wcwidth(wchar_t c);

// Swift 6 rejects C globals (mutable shared state): read them through functions.
static inline WINDOW *cncursesw_stdscr(void) { return stdscr; }
static inline int cncursesw_colors(void) { return COLORS; }
static inline int cncursesw_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *cncursesw_stdin(void) { return stdin; }
static inline FILE *cncursesw_stdout(void) { return stdout; }

// A missing string capability comes back as NULL or (char *)-1; Swift can't spell the latter.
static inline int cncursesw_has_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value != NULL && value != (const char *)-1 && value[0] != '\0';
}

// Attribute macros (NCURSES_BITS expressions) are not imported by Swift.
static inline attr_t cncursesw_wa_bold(void) { return WA_BOLD; }
static inline attr_t cncursesw_wa_dim(void) { return WA_DIM; }
static inline attr_t cncursesw_wa_reverse(void) { return WA_REVERSE; }
static inline attr_t cncursesw_wa_underline(void) { return WA_UNDERLINE; }
static inline attr_t cncursesw_wa_italic(void) { return WA_ITALIC; }
static inline attr_t cncursesw_wa_blink(void) { return WA_BLINK; }
static inline attr_t cncursesw_wa_normal(void) { return WA_NORMAL; }

// KEY_F(n) is a function-like macro.
static inline int cncursesw_key_f(int n) { return KEY_F(n); }

// Mouse masks are NCURSES_MOUSE_MASK expressions.
static inline mmask_t cncursesw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cncursesw_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cncursesw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cncursesw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cncursesw_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
