/*
 * The fast path of the pyrolab command (see docs/architecture.md, "The native client").
 *
 * bin/pyrolab runs this as `pyrolab-client ARGS...`. For the commands that the Java client
 * (org.pyrolab.launcher.Main) only forwards to a running daemon, it does what the Java client
 * does, over the same control channel (org.pyrolab.control.ControlChannel), without starting a
 * JVM. For everything else, and whenever anything is unusual before the command has been sent
 * (no lockfile, a dead pid, a refused connection, a non-ASCII argument...), it prints nothing and
 * exits HANDED_OVER; the script then runs the Java client in its own process, which prints the
 * canonical messages. Once the command has been sent it never falls back (that could run it
 * twice); it then says what the Java client says.
 *
 * Input from files and from the daemon is treated as hostile: every buffer is bounded.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

/* ControlChannel's limits and frame types */
#define MAGIC "PYROLAB-CONTROL/1"
#define MAX_HELLO (8 * 1024)
#define MAX_FRAME (64 * 1024)
#define T_STDOUT 'O'
#define T_STDERR 'E'
#define T_EXIT 'X'
#define T_ACCEPTED 'A'

/* ControlClient's and Main's timeouts */
#define CONNECT_TIMEOUT_MS 1000
#define ACCEPT_TIMEOUT_MS 5000
#define STOP_TIMEOUT_MS 30000

#define EXIT_FAILED 1
/* ExitCode.HANDED_OVER: no daemon command exits with it (ExitCode has 0-3) */
#define HANDED_OVER 125
#define PATH_CAP 4096
#define FILE_CAP 4096

/* Commands Main.dispatch sends to the daemon unchanged. A whitelist: a command added to the Java
 * client later stays with Java until it is added here. `down` also waits, as Main.down does. */
static const char *const FORWARDED[] = {
    "status", "ps", "info", "autolaunch", "stop", "restart", "reload", "install", "uninstall",
    "rename", "call", "nslist", "lock", "unlock", "down", "state", "await", NULL
};

/* Appends one line to $PYROLAB_NATIVE_REPORT, if set: which path served (tests, debugging). */
static void report(const char *fmt, ...) {
    const char *file = getenv("PYROLAB_NATIVE_REPORT");
    if (file == NULL || *file == '\0') {
        return;
    }
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t) n > sizeof line - 2) {
        n = (int) sizeof line - 2;
    }
    line[n++] = '\n';
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ssize_t ignored = write(fd, line, (size_t) n);
        (void) ignored;
        close(fd);
    }
}

/* Hands the command to the Java client, having printed nothing. */
static void fall_back(const char *why) {
    report("fallback %s", why);
    exit(HANDED_OVER);
}

/* Says what the Java client says for a failure after the command was sent, and exits 1. */
static void fail(const char *fmt, ...) {
    char text[PATH_CAP + 512]; /* room for a path */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "pyrolab: %s\n", text);
    exit(EXIT_FAILED);
}

/* Printable ASCII and space only: encodes the same in modified UTF-8 and in every locale Java may decode argv with. */
static int plain_ascii(const char *s) {
    for (; *s; s++) {
        if ((unsigned char) *s < 0x20 || (unsigned char) *s > 0x7e) {
            return 0;
        }
    }
    return 1;
}

/* Java's isBlank for the strings plain_ascii lets through. */
static int blank(const char *s) {
    for (; *s; s++) {
        if (*s != ' ') {
            return 0;
        }
    }
    return 1;
}

/* A non-negative decimal of at most max, nothing else; -1 when it is not one. */
static long decimal(const char *s, long max) {
    long value = 0;
    if (*s == '\0') {
        return -1;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return -1;
        }
        value = value * 10 + (*s - '0');
        if (value > max) {
            return -1;
        }
    }
    return value;
}

/* Reads a whole small file into buf (NUL-terminated); its length, or -1 if missing or larger than cap - 1. */
static ssize_t read_small(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return -1;
    }
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            close(fd);
            return -1;
        }
        if (n == 0) {
            break;
        }
        len += (size_t) n;
        if (len == cap) { /* too big to be ours */
            close(fd);
            errno = EFBIG;
            return -1;
        }
    }
    close(fd);
    buf[len] = '\0';
    return (ssize_t) len;
}

static int join(char *out, const char *a, const char *b) {
    int n = snprintf(out, PATH_CAP, "%s/%s", a, b);
    return n > 0 && n < PATH_CAP;
}

/* The data folder as Folders.resolve finds it on Linux; 0 when it cannot be told for sure. */
static int data_folder(const char *home_option, char *out) {
    const char *home = home_option;
    if (home == NULL || blank(home)) {
        home = getenv("PYROLAB_HOME");
    }
    if (home != NULL && !plain_ascii(home)) {
        return 0;
    }
    if (home != NULL && !blank(home)) {
        int n = snprintf(out, PATH_CAP, "%s", home);
        return n > 0 && n < PATH_CAP;
    }
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg != NULL && !plain_ascii(xdg)) {
        return 0;
    }
    if (xdg != NULL && xdg[0] == '/') { /* the XDG spec ignores relative values */
        return join(out, xdg, "pyrolab");
    }
    struct passwd *pw = getpwuid(getuid()); /* Java's user.home comes from here, not from $HOME */
    if (pw == NULL || pw->pw_dir == NULL || pw->pw_dir[0] != '/' || !plain_ascii(pw->pw_dir)) {
        return 0;
    }
    char share[PATH_CAP];
    return join(share, pw->pw_dir, ".local/share") && join(out, share, "pyrolab");
}

/* The daemon's record, exactly as LockFile.toBytes writes it; anything else falls back to Java. */
static int read_lock(const char *data, long *pid, long *port) {
    char path[PATH_CAP];
    char text[FILE_CAP];
    if (!join(path, data, "pyrolabd.lock") || read_small(path, text, sizeof text) <= 0) {
        return 0;
    }
    int have_started = 0;
    *pid = -1;
    *port = -1;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (eq == NULL || eq == line || !plain_ascii(line) || strchr(line, '\\') != NULL
                || strspn(line, "abcdefghijklmnopqrstuvwxyz") != (size_t) (eq - line)) {
            return 0; /* Properties syntax we do not parse (escapes, comments, other separators): let Java read it */
        }
        *eq = '\0';
        const char *value = eq + 1;
        if (strcmp(line, "pid") == 0) {
            *pid = decimal(value, 4194304L); /* Linux's PID_MAX_LIMIT */
        } else if (strcmp(line, "port") == 0) {
            *port = decimal(value, 65535);
        } else if (strcmp(line, "started") == 0) {
            /* Instant.toString: 2026-01-02T03:04:05.123Z */
            have_started = strlen(value) >= 20 && strspn(value, "0123456789-T:.Z") == strlen(value)
                    && value[strlen(value) - 1] == 'Z';
        }
    }
    return *pid > 0 && *port > 0 && have_started;
}

/*
 * Alive and not a zombie, from /proc/PID/stat (as DaemonProcess.of does): 1 alive, 0 gone, -1
 * unknown. *started is its start time, so that a pid taken over by another process counts as
 * gone (ProcessHandle compares start times too); 0 for "not known yet".
 */
static int alive(long pid, unsigned long long *started) {
    char path[64];
    char stat[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    ssize_t n = read_small(path, stat, sizeof stat);
    if (n < 0) {
        return errno == ENOENT || errno == ESRCH ? 0 : -1;
    }
    char *end = strrchr(stat, ')'); /* the command name in parentheses may contain anything */
    if (end == NULL || end[1] != ' ' || end[2] == '\0') {
        return -1;
    }
    if (end[2] == 'Z') {
        return 0;
    }
    /* the state is field 3; the start time field 22 */
    char *field = end + 2;
    for (int k = 3; k < 22 && field != NULL; k++) {
        field = strchr(field, ' ');
        field = field != NULL ? field + 1 : NULL;
    }
    unsigned long long since = 0;
    for (; field != NULL && *field >= '0' && *field <= '9' && since < 1000000000000000ULL; field++) {
        since = since * 10 + (unsigned long long) (*field - '0');
    }
    if (*started != 0 && since != *started) {
        return 0; /* another process has its pid now */
    }
    *started = since;
    return 1;
}

/* DataOutputStream.writeUTF of a plain-ASCII string into the hello buffer. */
static int put_utf(char *buf, size_t *len, const char *s) {
    size_t n = strlen(s);
    if (n > 0xffff || *len + 2 + n > MAX_HELLO) {
        return 0;
    }
    buf[(*len)++] = (char) (n >> 8);
    buf[(*len)++] = (char) (n & 0xff);
    memcpy(buf + *len, s, n);
    *len += n;
    return 1;
}

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Connects to 127.0.0.1:port (InetAddress.getLoopbackAddress()) within the timeout; -1 on failure. */
static int connect_loopback(long port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short) port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &to, sizeof to) < 0) {
        if (errno != EINPROGRESS) {
            close(fd);
            return -1;
        }
        struct pollfd p = {fd, POLLOUT, 0};
        long deadline = now_ms() + CONNECT_TIMEOUT_MS;
        int ready;
        do {
            long left = deadline - now_ms();
            ready = left > 0 ? poll(&p, 1, (int) left) : 0;
        } while (ready < 0 && errno == EINTR);
        int error = 0;
        socklen_t size = sizeof error;
        if (ready <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) < 0 || error != 0) {
            close(fd);
            return -1;
        }
    }
    int flags = fcntl(fd, F_GETFL);
    int one = 1;
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0
            || setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Writes all of buf; 0 on an error (a closed pipe included: SIGPIPE is ignored). */
static int write_all(int fd, const char *buf, size_t len, int is_socket) {
    while (len > 0) {
        ssize_t n = is_socket ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return 0;
        }
        buf += n;
        len -= (size_t) n;
    }
    return 1;
}

enum { READ_OK, READ_EOF, READ_TIMEOUT, READ_ERROR };

/* Reads exactly len bytes; waits at most timeout_ms for each part (SO_TIMEOUT), forever when 0. */
static int read_exact(int fd, unsigned char *buf, size_t len, int timeout_ms) {
    while (len > 0) {
        if (timeout_ms > 0) {
            struct pollfd p = {fd, POLLIN, 0};
            int ready = poll(&p, 1, timeout_ms);
            if (ready < 0 && errno == EINTR) {
                continue;
            }
            if (ready == 0) {
                return READ_TIMEOUT;
            }
            if (ready < 0) {
                return READ_ERROR;
            }
        }
        ssize_t n = recv(fd, buf, len, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return READ_ERROR;
        }
        if (n == 0) {
            return READ_EOF;
        }
        buf += n;
        len -= (size_t) n;
    }
    return READ_OK;
}

/* What the Java client prints when reading from the daemon fails (ControlClient.run, Main.run). */
static void read_failed(int result, long pid) {
    if (result == READ_TIMEOUT) {
        fail("PyroLab daemon (pid %ld) does not answer on its control port; if it is hung, run `pyrolab up --force`", pid);
    }
    if (result == READ_EOF) {
        fail("null"); /* DataInputStream's EOFException has no message */
    }
    fail("%s", errno == ECONNRESET ? "Connection reset" : strerror(errno));
}

/* Runs the command in the daemon, copying its output; returns its exit status. */
static int run_in_daemon(int fd, long pid, const char *hello, size_t hello_len, const char *command) {
    if (!write_all(fd, hello, hello_len, 1)) {
        close(fd);
        fall_back("could not send the command"); /* a partial hello is never run */
    }
    report("native %s", command);
    int timeout = ACCEPT_TIMEOUT_MS;
    static unsigned char data[MAX_FRAME];
    for (;;) {
        unsigned char head[5];
        int r = read_exact(fd, head, 1, timeout);
        if (r == READ_EOF) {
            fail("the daemon closed the connection without an exit status");
        }
        if (r != READ_OK) {
            read_failed(r, pid);
        }
        r = read_exact(fd, head + 1, 4, timeout);
        if (r != READ_OK) {
            read_failed(r, pid);
        }
        int32_t length = (int32_t) (((uint32_t) head[1] << 24) | ((uint32_t) head[2] << 16) | ((uint32_t) head[3] << 8) | head[4]);
        if (length < 0 || length > MAX_FRAME) {
            fail("frame of %ld bytes is out of bounds", (long) length);
        }
        r = read_exact(fd, data, (size_t) length, timeout);
        if (r != READ_OK) {
            read_failed(r, pid);
        }
        switch (head[0]) {
        case T_ACCEPTED:
            timeout = 0; /* from now on a command may take as long as it takes */
            break;
        case T_STDOUT:
            write_all(STDOUT_FILENO, (const char *) data, (size_t) length, 0); /* PrintStream ignores errors too */
            break;
        case T_STDERR:
            write_all(STDERR_FILENO, (const char *) data, (size_t) length, 0);
            break;
        case T_EXIT:
            if (length < 4) { /* Frame.exitCode reads four bytes */
                fail("Index %ld out of bounds for length %ld", (long) length, (long) length);
            }
            close(fd);
            return (int) (((uint32_t) data[0] << 24) | ((uint32_t) data[1] << 16) | ((uint32_t) data[2] << 8) | data[3]);
        default:
            fail("unexpected frame type %d from the daemon", (int) (signed char) head[0]);
        }
    }
}

/* Main.down's wait: until the process has exited (a zombie counts), at most STOP_TIMEOUT_MS. */
static int wait_for_exit(long pid, unsigned long long *started) {
    long deadline = now_ms() + STOP_TIMEOUT_MS;
    struct timespec pause = {0, 2 * 1000 * 1000};
    int state;
    while ((state = alive(pid, started)) != 0) {
        if (state < 0 && kill((pid_t) pid, 0) < 0 && errno == ESRCH) {
            break; /* /proc says nothing, the kernel says gone */
        }
        if (now_ms() > deadline) {
            return 0;
        }
        nanosleep(&pause, NULL);
    }
    return 1;
}

/* Lexically normal and absolute (what Path.toAbsolutePath().normalize() would leave unchanged). */
static int normal_absolute(const char *p) {
    if (p[0] != '/' || strstr(p, "//") != NULL || strstr(p, "/./") != NULL || strstr(p, "/../") != NULL) {
        return 0;
    }
    size_t n = strlen(p);
    return n == 1 || (p[n - 1] != '/' && !(n >= 2 && strcmp(p + n - 2, "/.") == 0) && !(n >= 3 && strcmp(p + n - 3, "/..") == 0));
}

int main(int argc, char **argv) {
    /* bin/pyrolab hands over stderr as fd 3 and silences fd 2, so that a loader that cannot run
     * this binary (another C library) says nothing and the script falls back */
    if (fcntl(3, F_GETFD) >= 0) {
        if (dup2(3, STDERR_FILENO) < 0) {
            return 127;
        }
        close(3);
    }
#ifndef __linux__
    /* liveness and the data folder are only done the Linux way here */
    fall_back("not Linux");
#endif
    char **args = argv + 1;
    int count = argc - 1;

    /* Main.run: options before the command; only --home is handled here */
    const char *home_option = NULL;
    int i = 0;
    for (int k = 0; k < count; k++) {
        if (strcmp(args[k], "--verbose") == 0) {
            fall_back("--verbose"); /* stack traces are Java's */
        }
        if (!plain_ascii(args[k])) {
            fall_back("an argument that is not plain ASCII");
        }
    }
    while (i < count && args[i][0] == '-') {
        if (strcmp(args[i], "--home") == 0 && i + 1 < count) {
            home_option = args[i + 1];
            i += 2;
        } else {
            fall_back("an option");
        }
    }
    if (i >= count) {
        fall_back("no command");
    }
    const char *command = args[i];
    int forwarded = 0;
    for (const char *const *c = FORWARDED; *c != NULL; c++) {
        forwarded |= strcmp(*c, command) == 0;
    }
    if (!forwarded) {
        fall_back("not a forwarded command");
    }
    int down = strcmp(command, "down") == 0;

    /* Main.daemon: a lockfile whose process lives, and a token */
    char data[PATH_CAP];
    if (!data_folder(home_option, data)) {
        fall_back("data folder");
    }
    long pid;
    long port;
    if (!read_lock(data, &pid, &port)) {
        fall_back("no lockfile");
    }
    unsigned long long started = 0;
    if (alive(pid, &started) != 1) {
        fall_back("the lockfile's process is not running");
    }
    char path[PATH_CAP];
    char token[FILE_CAP];
    if (!join(path, data, "control.token") || read_small(path, token, sizeof token) < 0) {
        fall_back("no token");
    }
    char *t = token; /* String.trim() */
    while (*t != '\0' && (unsigned char) *t <= ' ') {
        t++;
    }
    size_t tlen = strlen(t);
    while (tlen > 0 && (unsigned char) t[tlen - 1] <= ' ') {
        t[--tlen] = '\0';
    }
    if (!plain_ascii(t)) {
        fall_back("token");
    }
    char cwd[PATH_CAP];
    if (getcwd(cwd, sizeof cwd) == NULL || !plain_ascii(cwd)) {
        fall_back("working directory");
    }
    char logs[PATH_CAP]; /* for down's message; where Java would normalize the path, let Java do it */
    if (down && (snprintf(logs, sizeof logs, "%s%s%s", data[0] == '/' ? "" : cwd, data[0] == '/' ? "" : "/", data) >= PATH_CAP
            || !normal_absolute(logs))) {
        fall_back("data folder not in normal form");
    }

    /* ControlChannel.Hello.writeTo; a hello over MAX_HELLO gets Java's sentence */
    static char hello[MAX_HELLO];
    size_t len = 0;
    if (!put_utf(hello, &len, MAGIC) || !put_utf(hello, &len, t) || len + 2 > MAX_HELLO) {
        fall_back("hello too long");
    }
    hello[len++] = 0; /* interactive */
    hello[len++] = 0; /* verbose */
    if (!put_utf(hello, &len, cwd) || len + 4 > MAX_HELLO) {
        fall_back("hello too long");
    }
    uint32_t n = (uint32_t) (count - i);
    hello[len++] = (char) (n >> 24);
    hello[len++] = (char) (n >> 16);
    hello[len++] = (char) (n >> 8);
    hello[len++] = (char) n;
    for (int k = i; k < count; k++) {
        if (!put_utf(hello, &len, args[k])) {
            fall_back("hello too long");
        }
    }

    int fd = connect_loopback(port);
    if (fd < 0) {
        fall_back("no connection");
    }
    signal(SIGPIPE, SIG_IGN); /* as in the JVM: a closed stdout is an error to ignore, not a death */
    int code = run_in_daemon(fd, pid, hello, len, command);
    if (down && code == 0) {
        if (!wait_for_exit(pid, &started)) {
            fail("PyroLab daemon (pid %ld) is still stopping after %d s; run `pyrolab status` later, or see %s/logs/pyrolabd.log.0",
                    pid, STOP_TIMEOUT_MS / 1000, logs);
        }
        const char stopped[] = "PyroLab daemon stopped.\n";
        write_all(STDOUT_FILENO, stopped, sizeof stopped - 1, 0);
    }
    return code & 0xff;
}
