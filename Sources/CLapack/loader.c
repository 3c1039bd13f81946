// Opens LAPACKE (which brings LAPACK and BLAS with it) on first use; see CLapack.h.
#include "CLapack.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The libraries by soname, tried in order: LAPACKE brings liblapack.so.3 and libblas.so.3
// (OpenBLAS through Debian's alternatives), which also hold CBLAS.
static const char *const libraries[] = {"liblapacke.so.3", "liblapacke.so"};

static __typeof__(LAPACKE_dgesvd) *dgesvd;
static __typeof__(LAPACKE_dsyevd) *dsyevd;
static __typeof__(LAPACKE_dgels) *dgels;
static __typeof__(LAPACKE_dposv) *dposv;
static __typeof__(cblas_dsyrk) *dsyrk;
static __typeof__(cblas_dgemv) *dgemv;
static __typeof__(cblas_dgemm) *dgemm;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char error[512];

static void *resolve(void *handle, const char *name) {
  void *symbol = dlsym(handle, name);
  if (!symbol && !error[0]) snprintf(error, sizeof error, "%s: %s", name, dlerror());
  return symbol;
}

static void load(void) {
  void *handle = NULL;
  for (size_t i = 0; i < sizeof libraries / sizeof *libraries && !handle; i++)
    handle = dlopen(libraries[i], RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    snprintf(error, sizeof error, "%s", dlerror());
    return;
  }
  dgesvd = (__typeof__(dgesvd))resolve(handle, "LAPACKE_dgesvd");
  dsyevd = (__typeof__(dsyevd))resolve(handle, "LAPACKE_dsyevd");
  dgels = (__typeof__(dgels))resolve(handle, "LAPACKE_dgels");
  dposv = (__typeof__(dposv))resolve(handle, "LAPACKE_dposv");
  dsyrk = (__typeof__(dsyrk))resolve(handle, "cblas_dsyrk");
  dgemv = (__typeof__(dgemv))resolve(handle, "cblas_dgemv");
  dgemm = (__typeof__(dgemm))resolve(handle, "cblas_dgemm");
  loaded = !error[0];
}

int obscale_lapack_load(void) {
  pthread_once(&once, load);
  return loaded;
}

const char *obscale_lapack_error(void) { return error; }

lapack_int obscale_dgesvd(int layout, char jobu, char jobvt, lapack_int m, lapack_int n, double *a,
                          lapack_int lda, double *s, double *u, lapack_int ldu, double *vt,
                          lapack_int ldvt, double *superb) {
  return dgesvd(layout, jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, superb);
}

lapack_int obscale_dsyevd(int layout, char jobz, char uplo, lapack_int n, double *a, lapack_int lda,
                          double *w) {
  return dsyevd(layout, jobz, uplo, n, a, lda, w);
}

lapack_int obscale_dgels(int layout, char trans, lapack_int m, lapack_int n, lapack_int nrhs,
                         double *a, lapack_int lda, double *b, lapack_int ldb) {
  return dgels(layout, trans, m, n, nrhs, a, lda, b, ldb);
}

lapack_int obscale_dposv(int layout, char uplo, lapack_int n, lapack_int nrhs, double *a,
                         lapack_int lda, double *b, lapack_int ldb) {
  return dposv(layout, uplo, n, nrhs, a, lda, b, ldb);
}

void obscale_dsyrk(enum CBLAS_ORDER order, enum CBLAS_UPLO uplo, enum CBLAS_TRANSPOSE trans,
                   blasint n, blasint k, double alpha, const double *a, blasint lda, double beta,
                   double *c, blasint ldc) {
  dsyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}

void obscale_dgemv(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, blasint m, blasint n,
                   double alpha, const double *a, blasint lda, const double *x, blasint incx,
                   double beta, double *y, blasint incy) {
  dgemv(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void obscale_dgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transa, enum CBLAS_TRANSPOSE transb,
                   blasint m, blasint n, blasint k, double alpha, const double *a, blasint lda,
                   const double *b, blasint ldb, double beta, double *c, blasint ldc) {
  dgemm(order, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
