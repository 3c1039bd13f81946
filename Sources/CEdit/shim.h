// libedit from Debian's libedit-dev, for the REPL's line editing and history, through its
// readline-compatible interface. C globals get static inline accessors (Swift 6 cannot
// touch mutable C globals safely).
#pragma once
#include <stdio.h>
#include <editline/readline.h>

static inline void obscale_rl_set_completer(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void obscale_rl_set_word_breaks(char *s) { rl_completer_word_break_characters = s; }
static inline const char *obscale_rl_line_buffer(void) { return rl_line_buffer; }
static inline void obscale_rl_set_append_character(int c) { rl_completion_append_character = c; }
static inline void obscale_rl_set_completion_over(int v) { rl_attempted_completion_over = v; }
static inline void obscale_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void obscale_rl_set_getc(int (*f)(FILE *)) { rl_getc_function = f; }
static inline void obscale_rl_set_catch_signals(int v) { rl_catch_signals = v; }
