/*
 * runstat.c -- runs one command and prints what it cost: wall time in
 * microseconds and peak resident memory in KiB, for tests/bench.sh.
 *
 *   runstat CMD [ARG...]   prints "WALL_US MAXRSS_KIB" on standard output
 *
 * The command's standard output and error go to /dev/null. The peak is
 * wait4()'s ru_maxrss: the largest resident set of the command or of any
 * process it waited for (brief's worker), as GNU time's %M reports it.
 * Exits 0 when the command exited 0, else 1 with a message on standard error.
 * Timing the fork and exec here, rather than around a `time` program, keeps
 * a run of a few milliseconds from paying for a second exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Microseconds on the monotonic clock. */
static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* In the child: standard output and error to /dev/null, then exec argv.
 * Never returns. */
static void run_child(char **argv)
{
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	execvp(argv[0], argv);
	_exit(127);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: runstat CMD [ARG...]\n");
		return 2;
	}
	long long start = now_us();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 1;
	}
	if (pid == 0)
		run_child(argv + 1);
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("runstat: wait4");
			return 1;
		}
	long long wall = now_us() - start;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFSIGNALED(status))
			fprintf(stderr, "runstat: %s: killed by signal %d\n", argv[1], WTERMSIG(status));
		else
			fprintf(stderr, "runstat: %s: exit status %d\n", argv[1], WEXITSTATUS(status));
		return 1;
	}
	printf("%lld %ld\n", wall, ru.ru_maxrss);
	return 0;
}
