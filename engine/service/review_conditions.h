// The review's conditions moved with the record they fill (review/conditions.h).
#pragma once

#include "review/conditions.h"
