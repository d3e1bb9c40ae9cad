/*
 * atomic-file.c - write a temporary file beside the target, then rename.
 *
 * rename() within one directory is atomic on POSIX file systems, so readers
 * see the old contents or the new ones.  The temporary file lives in the
 * target's directory (a rename across file systems would fail) and is
 * removed on every failure path.
 */
#include "atomic-file.h"

#include <errno.h>
#include <fcntl.h>
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
	char *dir = NULL, *tmp = NULL;
	const char *step;
	int fd = -1, saved;

	if (*base == '\0') {
		cml_error_set(err, path, 0, 0, "cannot save: the path names a "
			      "directory, not a file");
		return -1;
	}
	dir = malloc(dirlen + 2);
	tmp = malloc(dirlen + strlen(base) + 16);
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
	sprintf(tmp, "%.*s%s.%s.XXXXXX", (int)dirlen, path,
		slash != NULL ? "/" : "", base);

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
