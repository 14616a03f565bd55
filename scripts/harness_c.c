/*
 * harness_c.c: the C peer of scripts/harness-c-crosscheck.sh. One process, a client and a server
 * in threads of their own, loopback TCP, TCP_NODELAY on both ends and nettune's frame sizes, so
 * that a Java/C ratio says what nettune's harness costs on top of the kernel's work:
 *
 *   rr SECONDS              one persistent connection, 80-byte request and reply (a 16-byte header
 *                           + 64 B), a blocking client and a server thread per connection
 *                           (RoundTripBenchmark: StreamConnection against BlockingServer)
 *   crr SERVER SECONDS      connect, one 80-byte exchange, close (the client closes first, so
 *                           TIME_WAIT stays on the client side), from one client thread, against
 *                           SERVER = epoll (one event loop: SELECTOR), thread (a thread started per
 *                           connection: BLOCKING) or pool (a cached pool of threads: POOLED) --
 *                           ConnectionReuseBenchmark, workload CONNECT_PER_REQUEST, 1 thread
 *   stream READER SECONDS [WRITE_BYTES [STREAM_BYTES]]
 *                           one-way streams: a 16-byte header declaring the length, then
 *                           STREAM_BYTES (default 4 MiB) in WRITE_BYTES (default 64 KiB) writes,
 *                           then the sender waits for a 16-byte ack; the receiver reads the declared
 *                           length through a 64 KiB buffer, READER = blocking (read(2) sleeps) or
 *                           epoll (non-blocking reads until EAGAIN, then epoll_wait, as a Selector
 *                           loop does) -- SocketBufferStreamBenchmark / StreamIoPathBenchmark with
 *                           autotuned buffers
 *
 * Each mode warms up for 1 s, measures SECONDS and prints one number: round trips/s, operations/s,
 * or Gbit/s of payload (header and ack not counted, as nettune's gbit counter). With the environment
 * variable HARNESS_C_OPS set it also prints "operations N" on stderr: every operation made, warm-up
 * included, so that a system-call count of the whole run (perf stat) can be divided per operation. rr and crr compare
 * every reply with its request byte for byte and exit 1 on a difference; the stream's payload is
 * counted, not checked: this program is the floor a verifying harness is measured against.
 *
 * Built and run by scripts/harness-c-crosscheck.sh (or: gcc -O2 -pthread -o /tmp/harness_c
 * scripts/harness_c.c); not part of the build or the tests. Loopback only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEADER 16
#define MSG (HEADER + 64)
#define READ_CHUNK (64 << 10)
#define WARMUP_SECONDS 1.0
#define POOL_IDLE_SECONDS 60
#define QUEUE 4096

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

/* Reads exactly n bytes; 0 at a clean EOF before the first byte, -1 on EOF mid-way or an error. */
static int read_fully(int fd, char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return got == 0 && r == 0 ? 0 : -1;
        got += (size_t) r;
    }
    return 1;
}

static void write_fully(int fd, const char *buf, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, buf + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("write");
        done += (size_t) w;
    }
}

static struct sockaddr_in server_addr;
static int listener;

static void listen_on_loopback(int flags) {
    server_addr = (struct sockaddr_in) {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof server_addr;
    listener = socket(AF_INET, SOCK_STREAM | flags, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *) &server_addr, sizeof server_addr) < 0 || listen(listener, 4096) < 0
        || getsockname(listener, (struct sockaddr *) &server_addr, &len) < 0) die("listen on 127.0.0.1");
}

static int connect_client(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    nodelay(fd);
    if (connect(fd, (struct sockaddr *) &server_addr, sizeof server_addr) < 0) die("connect");
    return fd;
}

static void start_detached(void *(*fn)(void *), void *arg) {
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &a, fn, arg) != 0) die("pthread_create");
    pthread_attr_destroy(&a);
}

/* ---- servers of 80-byte echoes ---- */

/* Echoes 80-byte requests on one blocking connection until the peer closes. */
static void serve_echo(int fd) {
    char buf[MSG];
    for (;;) {
        int r = read_fully(fd, buf, MSG);
        if (r <= 0) break;
        write_fully(fd, buf, MSG);
    }
    close(fd);
}

static void *connection_thread(void *arg) {
    serve_echo((int) (intptr_t) arg);
    return NULL;
}

/* BLOCKING: an acceptor, and a thread started per connection. */
static void *thread_server(void *arg) {
    (void) arg;
    for (;;) {
        int c = accept(listener, NULL, NULL);
        if (c < 0) continue;
        nodelay(c);
        start_detached(connection_thread, (void *) (intptr_t) c);
    }
    return NULL;
}

/* POOLED: an acceptor hands connections to a cached pool, as Executors.newCachedThreadPool does:
 * an idle worker takes the next one; a new worker starts only when none is idle. */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_work = PTHREAD_COND_INITIALIZER;
static int pool_queue[QUEUE], pool_head, pool_tail, pool_idle;

static void *pool_worker(void *arg) {
    (void) arg;
    pthread_mutex_lock(&pool_lock);
    for (;;) {
        while (pool_head == pool_tail) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += POOL_IDLE_SECONDS;
            pool_idle++;
            int timedout = pthread_cond_timedwait(&pool_work, &pool_lock, &until) == ETIMEDOUT;
            pool_idle--;
            if (timedout && pool_head == pool_tail) {
                pthread_mutex_unlock(&pool_lock);
                return NULL;
            }
        }
        int fd = pool_queue[pool_head++ % QUEUE];
        pthread_mutex_unlock(&pool_lock);
        serve_echo(fd);
        pthread_mutex_lock(&pool_lock);
    }
}

static void *pool_server(void *arg) {
    (void) arg;
    for (;;) {
        int c = accept(listener, NULL, NULL);
        if (c < 0) continue;
        nodelay(c);
        pthread_mutex_lock(&pool_lock);
        if (pool_tail - pool_head >= QUEUE) die("pool queue full");
        pool_queue[pool_tail++ % QUEUE] = c;
        int start = pool_idle <= pool_tail - pool_head - 1;
        pthread_cond_signal(&pool_work);
        pthread_mutex_unlock(&pool_lock);
        if (start) start_detached(pool_worker, NULL);
    }
    return NULL;
}

/* SELECTOR: one level-triggered epoll loop accepts, echoes what each read brings, closes at EOF. */
static void *epoll_server(void *arg) {
    (void) arg;
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener}, evs[256];
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev) < 0) die("server epoll");
    char buf[4096];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
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
            if (r < 0 && errno == EAGAIN) continue;
            if (r <= 0) {
                close(fd); /* also leaves the epoll set */
                continue;
            }
            write_fully(fd, buf, (size_t) r); /* 80 bytes always fit an empty send buffer */
        }
    }
    return NULL;
}

/* ---- clients ---- */

static void exchange(int fd, char *req, char *rep, uint32_t seq) {
    memcpy(req + 8, &seq, sizeof seq); /* a new sequence number per request: a stale reply fails */
    write_fully(fd, req, MSG);
    if (read_fully(fd, rep, MSG) != 1) { fprintf(stderr, "server closed the connection mid-reply\n"); exit(1); }
    if (memcmp(req, rep, MSG) != 0) { fprintf(stderr, "corrupted reply to seq %u\n", seq); exit(1); }
}

/* Operations done so far, warm-up included: with HARNESS_C_OPS set, printed on stderr at the end
 * (harness-c-crosscheck.sh divides perf's system-call count by it). */
static long total_ops;

/* Runs op() until the deadline; returns completions per second. */
static double timed(double seconds, void (*op)(void)) {
    double start = now(), end = start + seconds;
    long n = 0;
    do {
        op();
        n++;
    } while (now() < end);
    total_ops += n;
    return n / (now() - start);
}

static char rr_req[MSG], rr_rep[MSG];
static int rr_fd;
static uint32_t seq;

static void rr_once(void) { exchange(rr_fd, rr_req, rr_rep, ++seq); }

static void crr_once(void) {
    int fd = connect_client();
    exchange(fd, rr_req, rr_rep, ++seq);
    close(fd);
}

/* ---- the bulk stream ---- */

static long stream_bytes = 4L << 20;
static long write_bytes = 64 << 10;
static int epoll_reader;

/* Receives streams on one connection: header, exactly the declared length, then a 16-byte ack. */
static void *stream_receiver(void *arg) {
    (void) arg;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) die("accept");
    nodelay(fd);
    int ep = -1;
    if (epoll_reader) {
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        ep = epoll_create1(0);
        if (ep < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
            die("receiver epoll");
    }
    char *buf = malloc(READ_CHUNK);
    char header[HEADER];
    if (!buf) die("malloc");
    for (;;) {
        /* Header and payload through the same 64 KiB buffer: what a read brings is consumed in order. */
        long want = HEADER, got = 0, len = -1;
        while (got < want) {
            long room = want - got < READ_CHUNK ? want - got : READ_CHUNK;
            ssize_t r = read(fd, buf, (size_t) room);
            if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
                struct epoll_event ev;
                if (ep >= 0 && epoll_wait(ep, &ev, 1, -1) < 0 && errno != EINTR) die("epoll_wait");
                continue;
            }
            if (r == 0 && got == 0 && len < 0) goto done;
            if (r <= 0) die("receiver read");
            if (len < 0) {
                memcpy(header + got, buf, (size_t) r); /* r <= HEADER here: the header is read on its own */
                got += r;
                if (got == HEADER) {
                    uint32_t n;
                    memcpy(&n, header + 4, sizeof n);
                    len = ntohl(n);
                    want = HEADER + len;
                }
            } else {
                got += r;
            }
        }
        for (long done = 0; done < HEADER; ) { /* the ack: the header back */
            ssize_t w = write(fd, header + done, (size_t) (HEADER - done));
            if (w < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (w <= 0) die("ack write");
            done += w;
        }
    }
done:
    free(buf);
    if (ep >= 0) close(ep);
    close(fd);
    return NULL;
}

static char *stream_frame;
static int stream_fd;

static void stream_once(void) {
    seq++;
    memcpy(stream_frame + 8, &seq, sizeof seq);
    write_fully(stream_fd, stream_frame, HEADER);
    for (long off = 0; off < stream_bytes; off += write_bytes) {
        long n = stream_bytes - off < write_bytes ? stream_bytes - off : write_bytes;
        write_fully(stream_fd, stream_frame + HEADER + off, (size_t) n);
    }
    char ack[HEADER];
    if (read_fully(stream_fd, ack, HEADER) != 1 || memcmp(ack, stream_frame, HEADER) != 0) {
        fprintf(stderr, "no ack, or the wrong one, for stream %u\n", seq);
        exit(1);
    }
}

static int usage(const char *self) {
    fprintf(stderr, "usage: %s rr SECONDS\n"
                    "       %s crr epoll|thread|pool SECONDS\n"
                    "       %s stream blocking|epoll SECONDS [WRITE_BYTES [STREAM_BYTES]]\n", self, self, self);
    return 2;
}

static double seconds_arg(const char *s) {
    double v = atof(s);
    if (v <= 0) { fprintf(stderr, "SECONDS must be > 0: %s\n", s); exit(2); }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 3) return usage(argv[0]);
    for (int b = 0; b < MSG; b++) rr_req[b] = (char) (b * 7 + 1);
    pthread_t t;
    if (strcmp(argv[1], "rr") == 0 && argc == 3) {
        double seconds = seconds_arg(argv[2]);
        listen_on_loopback(0);
        if (pthread_create(&t, NULL, thread_server, NULL) != 0) die("server thread");
        rr_fd = connect_client();
        timed(WARMUP_SECONDS, rr_once);
        printf("%.0f\n", timed(seconds, rr_once));
    } else if (strcmp(argv[1], "crr") == 0 && argc == 4) {
        double seconds = seconds_arg(argv[3]);
        void *(*server)(void *) = strcmp(argv[2], "epoll") == 0 ? epoll_server
                : strcmp(argv[2], "thread") == 0 ? thread_server : strcmp(argv[2], "pool") == 0 ? pool_server : NULL;
        if (!server) return usage(argv[0]);
        listen_on_loopback(server == epoll_server ? SOCK_NONBLOCK : 0);
        if (pthread_create(&t, NULL, server, NULL) != 0) die("server thread");
        timed(WARMUP_SECONDS, crr_once);
        printf("%.0f\n", timed(seconds, crr_once));
    } else if (strcmp(argv[1], "stream") == 0 && argc >= 4 && argc <= 6) {
        if (strcmp(argv[2], "epoll") == 0) epoll_reader = 1;
        else if (strcmp(argv[2], "blocking") != 0) return usage(argv[0]);
        double seconds = seconds_arg(argv[3]);
        if (argc >= 5) write_bytes = atol(argv[4]);
        if (argc >= 6) stream_bytes = atol(argv[5]);
        if (write_bytes <= 0 || stream_bytes <= 0 || stream_bytes > (1L << 30)) { fprintf(stderr, "bad WRITE_BYTES or STREAM_BYTES\n"); return 2; }
        stream_frame = calloc(1, (size_t) (HEADER + stream_bytes));
        if (!stream_frame) die("calloc");
        for (long b = 0; b < stream_bytes; b++) stream_frame[HEADER + b] = (char) (b * 31 + (b >> 12));
        uint32_t n = htonl((uint32_t) stream_bytes);
        memcpy(stream_frame + 4, &n, sizeof n);
        listen_on_loopback(0);
        if (pthread_create(&t, NULL, stream_receiver, NULL) != 0) die("receiver thread");
        stream_fd = connect_client();
        timed(WARMUP_SECONDS, stream_once);
        printf("%.2f\n", timed(seconds, stream_once) * stream_bytes * 8 / 1e9);
    } else {
        return usage(argv[0]);
    }
    if (getenv("HARNESS_C_OPS")) fprintf(stderr, "operations %ld\n", total_ops);
    return 0; /* server threads end with the process */
}
