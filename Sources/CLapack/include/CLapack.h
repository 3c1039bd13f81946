// The LAPACK and BLAS routines the engine calls, loaded on first use.
//
// The libraries (Debian's liblapacke and OpenBLAS) are opened with dlopen the first time
// obscale_lapack_load() is called instead of at process start: a kernel or a script that
// never fits anything does not pay for them (3 MiB of resident memory, and OpenBLAS's
// worker threads). The prototypes are LAPACKE's and CBLAS's own.
#pragma once
#include <lapacke.h>
#include <cblas.h>

/// Opens the libraries and resolves every routine, once per process (thread-safe).
/// Returns 1 when they are ready; 0 when they could not be loaded, and then
/// obscale_lapack_error() says why.
int obscale_lapack_load(void);

/// Why the libraries could not be loaded (dlerror's message), or "" after a success.
const char *obscale_lapack_error(void);

lapack_int obscale_dgesvd(int layout, char jobu, char jobvt, lapack_int m, lapack_int n, double *a,
                          lapack_int lda, double *s, double *u, lapack_int ldu, double *vt,
                          lapack_int ldvt, double *superb);
lapack_int obscale_dsyevd(int layout, char jobz, char uplo, lapack_int n, double *a, lapack_int lda,
                          double *w);
lapack_int obscale_dgels(int layout, char trans, lapack_int m, lapack_int n, lapack_int nrhs,
                         double *a, lapack_int lda, double *b, lapack_int ldb);
lapack_int obscale_dposv(int layout, char uplo, lapack_int n, lapack_int nrhs, double *a,
                         lapack_int lda, double *b, lapack_int ldb);
void obscale_dsyrk(enum CBLAS_ORDER order, enum CBLAS_UPLO uplo, enum CBLAS_TRANSPOSE trans,
                   blasint n, blasint k, double alpha, const double *a, blasint lda, double beta,
                   double *c, blasint ldc);
void obscale_dgemv(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, blasint m, blasint n,
                   double alpha, const double *a, blasint lda, const double *x, blasint incx,
                   double beta, double *y, blasint incy);
void obscale_dgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transa, enum CBLAS_TRANSPOSE transb,
                   blasint m, blasint n, blasint k, double alpha, const double *a, blasint lda,
                   const double *b, blasint ldb, double beta, double *c, blasint ldc);
