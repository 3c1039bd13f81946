// libedit from Debian's libedit-dev, for the REPL's line editing and history.
#pragma once
#include <stdio.h>
#include <histedit.h>
