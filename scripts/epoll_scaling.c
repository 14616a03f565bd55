/*
 * epoll_scaling.c: the native reference for ConnectionScalingBenchmark's SELECTOR x SELECTOR pair.
 * One process, two threads, like the Java benchmark: an epoll server thread (level-triggered, one
 * read and one write per request, as SelectorServer does) and an epoll client thread that keeps C
 * loopback TCP connections in a closed loop of 80-byte requests (a 16-byte header + 64 B, the
 * Java frame size), each reply compared byte for byte with its request. TCP_NODELAY on both ends.
 *
 * Usage: epoll_scaling SECONDS CONNECTIONS...   e.g. epoll_scaling 2 16 1024 16 1024
 * For each connection count: 3 s warm-up, then 5 slices of SECONDS; prints round trips/s per
 * slice and their median.
 *        epoll_scaling --paired SECONDS FEW MANY PAIRS   e.g. epoll_scaling --paired 2 16 1024 15
 * Both sets connected at once, measured in alternating slices (few, many, many, few, ...) like
 * dev.nettune.tools.PairedScaling; prints each pair's ratio and the median.
 * A lost, short or corrupted reply exits 1 naming the connection.
 * Built and run by scripts/epoll-scaling-crosscheck.sh (or: gcc -O2 -pthread -o /tmp/epoll_scaling
 * scripts/epoll_scaling.c); not part of the build or the tests.
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

/* A set of connections in one client epoll. */
typedef struct {
    conn_t *cs;
    int n;
    int ep;
} set_t;

static set_t open_set(int conns, struct sockaddr_in *addr) {
    set_t s = {.cs = calloc(conns, sizeof(conn_t)), .n = conns, .ep = epoll_create1(0)};
    if (!s.cs || s.ep < 0) die("client setup");
    for (int i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) addr, sizeof *addr) < 0) die("connect");
        nodelay(fd);
        s.cs[i].fd = fd;
        for (int b = 0; b < MSG; b++) s.cs[i].req[b] = (char) (i * 31 + b);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &s.cs[i]};
        if (epoll_ctl(s.ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("client epoll_ctl");
    }
    return s;
}

static void close_set(set_t *s) {
    for (int i = 0; i < s->n; i++) close(s->cs[i].fd);
    close(s->ep);
    free(s->cs);
}

/* Closed loops on every connection of the set for `seconds`; each connection then finishes the
 * round trip it has in flight (as SelectorClient.runUntil does). Returns verified round trips/s. */
static double slice(set_t *s, double seconds) {
    struct epoll_event evs[MAX_EVENTS];
    double start = now(), deadline = start + seconds;
    long done = 0;
    int active = s->n;
    for (int i = 0; i < s->n; i++) send_next(&s->cs[i]);
    while (active > 0) {
        int n = epoll_wait(s->ep, evs, MAX_EVENTS, 30000);
        if (n <= 0) { fprintf(stderr, "no reply for 30 s on %d connections (stalled)\n", s->n); exit(1); }
        double t = now();
        for (int i = 0; i < n; i++) {
            conn_t *c = evs[i].data.ptr;
            ssize_t r = read(c->fd, c->rep + c->got, MSG - c->got);
            if (r < 0 && errno == EAGAIN) continue;
            if (r <= 0) { fprintf(stderr, "connection %ld closed after %d reply bytes\n", (long) (c - s->cs), c->got); exit(1); }
            c->got += r;
            if (c->got < MSG) continue;
            if (memcmp(c->req, c->rep, MSG) != 0) { fprintf(stderr, "corrupted reply on connection %ld\n", (long) (c - s->cs)); exit(1); }
            done++;
            if (t < deadline) send_next(c);
            else active--;
        }
    }
    return done / (now() - start);
}

/* One connection count: 3 s warm-up, then 5 slices. */
static void run(int conns, double seconds, struct sockaddr_in *addr) {
    set_t s = open_set(conns, addr);
    double rates[5];
    slice(&s, 3.0);
    for (int i = 0; i < 5; i++) rates[i] = slice(&s, seconds);
    printf("connections=%d round trips/s:", conns);
    for (int i = 0; i < 5; i++) printf(" %.0f", rates[i]);
    printf("  median %.0f\n", median(rates, 5));
    fflush(stdout);
    close_set(&s);
}

/* Two connection counts in alternating slices (few, many, many, few, ...): PairedScaling's method. */
static void paired(int few, int many, int pairs, double seconds, struct sockaddr_in *addr) {
    set_t f = open_set(few, addr), m = open_set(many, addr);
    double *ratios = calloc(pairs, sizeof(double));
    if (!ratios) die("calloc");
    for (int i = 0; i < 2; i++) { slice(&f, seconds); slice(&m, seconds); }
    for (int i = 0; i < pairs; i++) {
        double rf, rm;
        if (i % 2 == 0) { rf = slice(&f, seconds); rm = slice(&m, seconds); }
        else { rm = slice(&m, seconds); rf = slice(&f, seconds); }
        ratios[i] = rm / rf;
        printf("pair %2d: %d connections %.0f rt/s, %d connections %.0f rt/s, ratio %.3f\n", i + 1, few, rf, many, rm, ratios[i]);
        fflush(stdout);
    }
    double med = median(ratios, pairs);
    printf("median ratio over %d pairs: %.3f (pairs ranged %.3f-%.3f)\n", pairs, med, ratios[0], ratios[pairs - 1]);
    free(ratios);
    close_set(&f);
    close_set(&m);
}

int main(int argc, char **argv) {
    int pairedMode = argc == 6 && strcmp(argv[1], "--paired") == 0;
    if (argc < 3 || (strcmp(argv[1], "--paired") == 0 && !pairedMode)) {
        fprintf(stderr, "usage: %s SECONDS CONNECTIONS...\n       %s --paired SECONDS FEW MANY PAIRS\n", argv[0], argv[0]);
        return 2;
    }
    double seconds = atof(argv[pairedMode ? 2 : 1]);
    if (seconds <= 0) { fprintf(stderr, "SECONDS must be > 0: %s\n", argv[pairedMode ? 2 : 1]); return 2; }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(listener, 4096) < 0
        || getsockname(listener, (struct sockaddr *) &addr, &len) < 0) die("listen on 127.0.0.1");
    pthread_t t;
    if (pthread_create(&t, NULL, server, NULL) != 0) die("server thread");
    if (pairedMode) {
        int few = atoi(argv[3]), many = atoi(argv[4]), pairs = atoi(argv[5]);
        if (few < 1 || many <= few || pairs < 1) { fprintf(stderr, "need 1 <= FEW < MANY and PAIRS >= 1\n"); return 2; }
        paired(few, many, pairs, seconds, &addr);
    } else {
        for (int i = 2; i < argc; i++) {
            int conns = atoi(argv[i]);
            if (conns < 1) { fprintf(stderr, "CONNECTIONS must be >= 1: %s\n", argv[i]); return 2; }
            run(conns, seconds, &addr);
        }
    }
    atomic_store(&stop_server, 1);
    pthread_join(t, NULL);
    close(listener);
    return 0;
}
