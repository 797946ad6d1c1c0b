#ifndef COACHBOT_CCURLSHIM_H
#define COACHBOT_CCURLSHIM_H

#include <curl/curl.h>
#include <stddef.h>

/// Typed, non-variadic wrappers around curl_easy_setopt / curl_easy_getinfo: Swift cannot call
/// C variadic functions, and a typed wrapper per argument type keeps each call checked.

typedef size_t (*ccurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*ccurl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                       curl_off_t ultotal, curl_off_t ulnow);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_callback(CURL *handle, ccurl_data_callback callback, void *userdata);
CURLcode ccurl_setopt_header_callback(CURL *handle, ccurl_data_callback callback, void *userdata);
CURLcode ccurl_setopt_xferinfo_callback(CURL *handle, ccurl_xferinfo_callback callback, void *userdata);

CURLcode ccurl_getinfo_response_code(CURL *handle, long *code);

#endif
