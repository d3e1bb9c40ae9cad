/*
 * atomic-file.c - write a temporary file beside the target, then rename.
 *
 * rename() within one directory is atomic on POSIX file systems, so readers
 * see the old contents or the new ones.  The temporary file lives in the
 * target's directory (a rename across file systems would fail) and is
 * removed on every failure path.
 *
 * A process killed mid-save cannot remove its own temporary file, so each
 * save also removes the leftovers of earlier saves of the same target,
 * but only those that are provably ours and abandoned: the name records
 * the writer's pid and host (".NAME.cml-PID-HOST.XXXXXX"), and a file is
 * removed only if the host is this one, no process with that pid exists,
 * and it is a regular file of ours.  A live writer's file (even one of an
 * unrelated process that reused the pid), another machine's on a shared
 * directory, or anything named otherwise is left alone.
 */
#include "atomic-file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes all of data to fd, retrying short writes and EINTR. */
static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The permission bits for the new file: the target's, or 0644 & ~umask. */
static mode_t target_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mask = umask(022);
	umask(mask);
	return 0644 & ~mask;
}

/* Longest host part of a temporary file's name. */
#define HOST_MAX 32

/*
 * This machine's name for temporary files: letters, digits and '-' up to
 * the first dot, at most HOST_MAX bytes; "localhost" if it has none.
 */
static void host_tag(char buf[HOST_MAX + 1])
{
	char name[256];
	size_t n = 0;

	if (gethostname(name, sizeof(name)) != 0)
		name[0] = '\0';
	name[sizeof(name) - 1] = '\0';
	for (const char *p = name; *p != '\0' && *p != '.' && n < HOST_MAX;
	     p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-')
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, HOST_MAX + 1, "localhost");
}

/*
 * Is name a temporary file that an earlier save of base on this host left
 * behind, its writer now gone?  The name must be ".BASE.cml-PID-HOST."
 * plus mkstemp's six characters, with PID not a living process.
 */
static bool abandoned_temp(const char *name, const char *base,
			   const char *host)
{
	size_t blen = strlen(base), hlen = strlen(host);
	const char *p = name;
	long pid = 0;

	if (p[0] != '.' || strncmp(p + 1, base, blen) != 0 ||
	    strncmp(p + 1 + blen, ".cml-", 5) != 0)
		return false;
	p += 1 + blen + 5;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		pid = pid * 10 + (*p - '0');
		if (pid > 1L << 30)
			return false;
	}
	if (*p != '-' || strncmp(p + 1, host, hlen) != 0 ||
	    p[1 + hlen] != '.' || strlen(p + 2 + hlen) != 6)
		return false;
	if (pid <= 0 || (pid_t)pid == getpid())
		return false;
	/* EPERM means the pid is alive (someone else's): not ours. */
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Best effort: removes abandoned temporary files of base in dir. */
static void remove_abandoned(const char *dir, const char *base,
			     const char *host)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!abandoned_temp(e->d_name, base, host))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* Best effort: make the rename itself durable by syncing the directory. */
static void sync_directory(const char *dir)
{
	int fd = open(dir, O_RDONLY);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int atomic_file_write(const char *path, const void *data, size_t len,
		      struct cml_error *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t dirlen = slash != NULL ? (size_t)(slash - path) : 0;
	char *dir = NULL, *tmp = NULL, host[HOST_MAX + 1];
	const char *step;
	int fd = -1, saved;

	if (*base == '\0') {
		cml_error_set(err, path, 0, 0, "cannot save: the path names a "
			      "directory, not a file");
		return -1;
	}
	dir = malloc(dirlen + 2);
	tmp = malloc(dirlen + strlen(base) + HOST_MAX + 48);
	if (dir == NULL || tmp == NULL) {
		step = "cannot save";
		errno = ENOMEM;
		goto fail;
	}
	if (slash == NULL)
		strcpy(dir, ".");
	else if (dirlen == 0)
		strcpy(dir, "/");
	else {
		memcpy(dir, path, dirlen);
		dir[dirlen] = '\0';
	}
	host_tag(host);
	sprintf(tmp, "%.*s%s.%s.cml-%ld-%s.XXXXXX", (int)dirlen, path,
		slash != NULL ? "/" : "", base, (long)getpid(), host);
	remove_abandoned(dir, base, host);

	step = "cannot create a temporary file beside it";
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	step = "cannot write";
	if (write_all(fd, data, len) != 0)
		goto fail_unlink;
	step = "cannot flush to disk";
	if (fsync(fd) != 0)
		goto fail_unlink;
	step = "cannot set permissions";
	if (fchmod(fd, target_mode(path)) != 0)
		goto fail_unlink;
	step = "cannot write";
	saved = close(fd);
	fd = -1;
	if (saved != 0)
		goto fail_unlink;
	step = "cannot replace";
	if (rename(tmp, path) != 0)
		goto fail_unlink;
	sync_directory(dir);
	free(dir);
	free(tmp);
	return 0;

fail_unlink:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
fail:
	cml_error_set(err, path, 0, 0, "%s: %s", step, strerror(errno));
	free(dir);
	free(tmp);
	return -1;
}
