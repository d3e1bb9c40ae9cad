/*
 * file-read.c - reading a small input file whole.
 */
#define _POSIX_C_SOURCE 200809L
#include "file-read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "a FIFO", "a directory", ... for a file that is not a regular one. */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}

/*
 * Opens path for reading only if it is a regular file.  A FIFO's open()
 * would wait for a writer (hanging the CLI and the explorer alike) and a
 * device's may have effects, so the path is checked with stat() first;
 * the open itself is non-blocking and fstat() closes the race with a file
 * swapped in between.  Returns the descriptor, or -1 with err filled.
 */
static int open_regular(const char *path, struct cml_error *err)
{
	struct stat st;
	int fd;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		cml_error_set(err, path, 0, 0, "not a regular file (%s)",
			      file_kind(st.st_mode));
		return -1;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		cml_error_set(err, path, 0, 0, "cannot open: %s",
			      strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		cml_error_set(err, path, 0, 0, "cannot read: %s",
			      strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		cml_error_set(err, path, 0, 0, "not a regular file (%s)",
			      file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

char *file_read_small(const char *path, size_t max, const char *what,
		      size_t *len, struct cml_error *err)
{
	size_t cap = max + 1, used = 0;
	char *buf;
	int fd;

	fd = open_regular(path, err);
	if (fd < 0)
		return NULL;
	buf = malloc(cap + 1);
	if (buf == NULL) {
		close(fd);
		cml_error_set(err, path, 0, 0, "cannot read: out of memory");
		return NULL;
	}
	/* Read one byte past the limit to tell "exactly at" from "over". */
	while (used < cap) {
		ssize_t n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cml_error_set(err, path, 0, 0, "cannot read: %s",
				      strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (used > max) {
		cml_error_set(err, path, 0, 0, "the file is larger than %zu "
			      "bytes; %s", max, what);
		free(buf);
		return NULL;
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}
