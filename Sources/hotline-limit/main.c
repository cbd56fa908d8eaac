// The physical limit for `make bench`: a FastAGI responder in plain libc, one thread, one epoll
// set, that sends the controller's exact command sequence (recorded by `hotline loadtest
// --record`) to every connection and closes. No engine, no plan, no queue, no call log, no
// allocation per call beyond a fixed buffer: what a call costs when the controller adds nothing.
// `make bench` reports ours ÷ this for CPU per call and calls per second, in the same run.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MAX_COMMANDS = 256, BUFFER = 8192, EVENTS = 256 };

// The recorded sequence: each command's bytes (with its newline) and whether it was sent before
// the previous command's reply ('+' in the file).
static char *command_text[MAX_COMMANDS];
static size_t command_length[MAX_COMMANDS];
static int command_early[MAX_COMMANDS];
static int command_count;

struct call {
    int fd;
    int in_environment;
    int next;
    int owed;
    size_t used;
    char buffer[BUFFER];
};

static void load_commands(const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); exit(2); }
    char line[BUFFER];
    while (fgets(line, sizeof line, file) && command_count < MAX_COMMANDS) {
        size_t length = strcspn(line, "\n");
        if (length == 0) continue;
        int early = line[0] == '+';
        char *start = line + early;
        length -= (size_t)early;
        command_text[command_count] = malloc(length + 1);
        memcpy(command_text[command_count], start, length);
        command_text[command_count][length] = '\n';
        command_length[command_count] = length + 1;
        command_early[command_count] = early;
        command_count++;
    }
    fclose(file);
}

static void finish(int epoll, struct call *call) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, call->fd, NULL);
    close(call->fd);
    free(call);
}

// The next command, and with it every one recorded as sent before its reply. 0: the call ended.
static int send_next(struct call *call) {
    if (call->next >= command_count) return 0;
    char out[BUFFER];
    size_t used = 0;
    do {
        size_t length = command_length[call->next];
        if (used + length > sizeof out) break;
        memcpy(out + used, command_text[call->next], length);
        used += length;
        call->next++;
        call->owed++;
    } while (call->next < command_count && command_early[call->next]);
    return send(call->fd, out, used, MSG_NOSIGNAL) == (ssize_t)used;
}

// Every whole line read: the environment block to its empty line, then one reply per command
// (the PBX's `HANGUP` notice is not a reply). 0: close the call.
static int readable(struct call *call) {
    for (;;) {
        ssize_t got = recv(call->fd, call->buffer + call->used, sizeof call->buffer - call->used, 0);
        if (got == 0) return 0;
        if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
        call->used += (size_t)got;
        size_t start = 0;
        char *newline;
        while ((newline = memchr(call->buffer + start, '\n', call->used - start))) {
            size_t length = (size_t)(newline - (call->buffer + start));
            const char *line = call->buffer + start;
            start += length + 1;
            if (call->in_environment) {
                if (length == 0) {
                    call->in_environment = 0;
                    if (!send_next(call)) return 0;
                }
                continue;
            }
            if (length > 0 && line[0] == 'H') continue;
            if (--call->owed <= 0 && !send_next(call)) return 0;
        }
        memmove(call->buffer, call->buffer + start, call->used - start);
        call->used -= start;
        if (call->used == sizeof call->buffer) return 0;   // a line longer than the buffer
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || !strchr(argv[1], ':')) {
        fprintf(stderr, "usage: hotline-limit HOST:PORT COMMANDS-FILE   (commands from `hotline loadtest --record FILE`)\n");
        return 2;
    }
    load_commands(argv[2]);
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(argv[1], ':') - argv[1]), argv[1]);
    int port = atoi(strrchr(argv[1], ':') + 1);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0) {
        perror(argv[1]);
        return 1;
    }
    int epoll = epoll_create1(0);
    struct epoll_event event = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    printf("limit listening on %s with %d commands a call\n", argv[1], command_count);
    fflush(stdout);

    struct epoll_event events[EVENTS];
    for (;;) {
        int ready = epoll_wait(epoll, events, EVENTS, -1);
        for (int i = 0; i < ready; i++) {
            struct call *call = events[i].data.ptr;
            if (!call) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct call *fresh = calloc(1, sizeof *fresh);
                    fresh->fd = fd;
                    fresh->in_environment = 1;
                    struct epoll_event watch = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = fresh };
                    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &watch);
                }
                continue;
            }
            if (!readable(call) || (events[i].events & (EPOLLHUP | EPOLLERR))) finish(epoll, call);
        }
    }
}
