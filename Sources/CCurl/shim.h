#ifndef COACHBOT_CCURL_H
#define COACHBOT_CCURL_H
#include <curl/curl.h>
#endif
