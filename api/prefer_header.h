// The request's Prefer header (RFC 7240): whether the client asked for `return=minimal`, an answer that
// says only what the command did instead of the whole review.
#pragma once

#include <httplib.h>

namespace scr {

// True when any Prefer header of the request holds the preference return=minimal (names and values
// compared without regard to case, the value quoted or not, parameters after ';' ignored).
bool PrefersMinimalReturn(const httplib::Request& request);

}  // namespace scr
