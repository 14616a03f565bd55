/*
 * epoll_scaling.c: the native reference for ConnectionScalingBenchmark's SELECTOR x SELECTOR pair.
 * One process, two threads, like the Java benchmark: an epoll server thread (level-triggered, one
 * read and one write per request, as SelectorServer does) and an epoll client thread that keeps C
 * loopback TCP connections in a closed loop of 80-byte requests (a 16-byte header + 64 B, the
 * Java frame size), each reply compared byte for byte with its request. TCP_NODELAY on both ends.
 *
 * Usage: epoll_scaling SECONDS CONNECTIONS...   e.g. epoll_scaling 2 16 1024 16 1024
 * For each connection count: 3 s warm-up, then 5 intervals of SECONDS; prints round trips/s per
 * interval and their median. A lost, short or corrupted reply exits 1 naming the connection.
 * Built and run by scripts/epoll-scaling-crosscheck.sh; not part of the build or the tests.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MSG 80
#define MAX_EVENTS 1024

static void die(const char *what) { perror(what); exit(1); }

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nodelay(int fd) {
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("TCP_NODELAY");
}

static atomic_int stop_server;
static int listener;

/* Echoes whatever arrives: one read, then one write of the same bytes (the client sends one
 * request at a time per connection, so a read holds at most one request). */
static void *server(void *arg) {
    (void) arg;
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener}, evs[MAX_EVENTS];
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev) < 0) die("server epoll");
    char buf[4096];
    while (!atomic_load(&stop_server)) {
        int n = epoll_wait(ep, evs, MAX_EVENTS, 100);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == listener) {
                int c;
                while ((c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    nodelay(c);
                    struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                    if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev) < 0) die("server epoll_ctl");
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN) continue;
                close(fd);
                continue;
            }
            if (write(fd, buf, r) != r) die("server write (a short write would need OP_WRITE-style handling)");
        }
    }
    close(ep);
    return NULL;
}

typedef struct {
    int fd;
    int got;
    unsigned seq;
    char req[MSG];
    char rep[MSG];
} conn_t;

static void send_next(conn_t *c) {
    c->seq++;
    memcpy(c->req, &c->seq, sizeof c->seq); /* a new sequence number per request: a stale reply fails */
    c->got = 0;
    if (write(c->fd, c->req, MSG) != MSG) die("client write");
}

static double median(double *v, int n) {
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (v[j] < v[i]) { double t = v[i]; v[i] = v[j]; v[j] = t; }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void run(int conns, double seconds, struct sockaddr_in *addr) {
    conn_t *cs = calloc(conns, sizeof *cs);
    int ep = epoll_create1(0);
    if (!cs || ep < 0) die("client setup");
    for (int i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) addr, sizeof *addr) < 0) die("connect");
        nodelay(fd);
        cs[i].fd = fd;
        for (int b = 0; b < MSG; b++) cs[i].req[b] = (char) (i * 31 + b);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &cs[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("client epoll_ctl");
    }
    for (int i = 0; i < conns; i++) send_next(&cs[i]);
    struct epoll_event evs[MAX_EVENTS];
    double rates[5], start = now(), mark = start + 3.0;
    long done = 0;
    int interval = -1;
    while (interval < 5) {
        int n = epoll_wait(ep, evs, MAX_EVENTS, 30000);
        if (n <= 0) { fprintf(stderr, "no reply for 30 s on %d connections (stalled)\n", conns); exit(1); }
        for (int i = 0; i < n; i++) {
            conn_t *c = evs[i].data.ptr;
            ssize_t r = read(c->fd, c->rep + c->got, MSG - c->got);
            if (r < 0 && errno == EAGAIN) continue;
            if (r <= 0) { fprintf(stderr, "connection %ld closed after %d reply bytes\n", (long) (c - cs), c->got); exit(1); }
            c->got += r;
            if (c->got < MSG) continue;
            if (memcmp(c->req, c->rep, MSG) != 0) { fprintf(stderr, "corrupted reply on connection %ld\n", (long) (c - cs)); exit(1); }
            done++;
            send_next(c);
        }
        double t = now();
        if (t >= mark) {
            if (interval >= 0) rates[interval] = done / (t - (mark - seconds));
            interval++;
            done = 0;
            mark = t + seconds;
        }
    }
    printf("connections=%d round trips/s:", conns);
    for (int i = 0; i < 5; i++) printf(" %.0f", rates[i]);
    printf("  median %.0f\n", median(rates, 5));
    fflush(stdout);
    for (int i = 0; i < conns; i++) close(cs[i].fd);
    close(ep);
    free(cs);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s SECONDS CONNECTIONS...\n", argv[0]); return 2; }
    double seconds = atof(argv[1]);
    if (seconds <= 0) { fprintf(stderr, "SECONDS must be > 0: %s\n", argv[1]); return 2; }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(listener, 4096) < 0
        || getsockname(listener, (struct sockaddr *) &addr, &len) < 0) die("listen on 127.0.0.1");
    pthread_t t;
    if (pthread_create(&t, NULL, server, NULL) != 0) die("server thread");
    for (int i = 2; i < argc; i++) {
        int conns = atoi(argv[i]);
        if (conns < 1) { fprintf(stderr, "CONNECTIONS must be >= 1: %s\n", argv[i]); return 2; }
        run(conns, seconds, &addr);
    }
    atomic_store(&stop_server, 1);
    pthread_join(t, NULL);
    close(listener);
    return 0;
}
