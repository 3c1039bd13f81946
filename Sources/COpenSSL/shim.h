// libcrypto from Debian's libssl-dev: HMAC and constant-time comparison.
#pragma once
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
