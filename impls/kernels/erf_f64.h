/* erf_f64.h: binary64 tables and cores of the f64 erf, erfc and gelu
 * kernels (impls/f64_erf_simd.c: AVX-512F, 8 lanes, and AVX2+FMA, 4 lanes).
 *
 * R(z) = erfc(z) e^(z^2) is smooth and slowly varying (1 at 0, ~1/(sqrt(pi)
 * z) for large z), so erfc(z) = e^(-z^2) R(z), e^(-z^2) taken at an exact
 * argument: z^2 = h + l (FMA), e^(-z^2) = e^(-h) (1 - l) (|l| <= 2^-44 on
 * the range, l^2 negligible).  R is a polynomial per slot: 32 slots over z
 * in [0, 30) chosen by bits 49..53 of w = RN(z + 2) (3 fraction bits per
 * binade of w: widths 1/4, 1/2, 1, 2 on [0,2), [2,6), [6,14), [14,30)), each
 * coefficient a table of 32 doubles read with two vpermt2pd and a blend on
 * bit 4; Horner in t = z - c_k, degree ERF64_DEG; the constant coefficient
 * as hi + lo (rounding it alone would cost 2^-53).
 * erf for |x| < 3/4: x P(x^2), P of degree 11, its constant hi + lo.
 *
 * Fit (python3 scripts/fit/fit_erf_f64.py --check 1000 --deg 13; --check
 * 5000 prints the same tables and the same maxima; uniform points per slot,
 * slot edges widened by 2^-40; MEASURED, not an interval proof):
 *   erf small (|x| < 0.75, degree 11 in x^2): approx 2^-56.159, max |s Q / P| = 0.19
 *   R (degree 13): worst approx 2^-56.668 (slot 0, [0, 1/4]), 2^-57.34 on
 *   the slots the kernels reach (2..31, z >= 1/2), where tail <= 0.098.
 * "tail" = max |p(t) - c_0| / R on a slot: the share of R carried outside
 * the exact constant (weights Horner's rounding errors, <= 0.134 u). */
#ifndef AB_KERNELS_ERF_F64_H
#define AB_KERNELS_ERF_F64_H
#include "batch.h"
#include "exp_poly.h"
#include "exp_reduction.h"

#define ERF64_DEG 13

/* python3 scripts/fit/fit_erf_f64.py --check 1000 --deg 13
 * r[0] = c_0 hi, r[1] = c_0 lo, r[j + 1] = c_j ([coefficient][slot]);
 * rc = slot centres; es = c_0 hi, c_0 lo, c_1 .. c_11 of P. */
static const struct {
    double r[ERF64_DEG + 2][32];
    double rc[32];
    double es[13];
    double rsqrt2_hi, rsqrt2_lo;
} ab_erf_f64 = {
    .r = {
        {0x1.bf16ef058facfp-1, 0x1.5f28ade3ca4acp-1, 0x1.1d16b5809eaf6p-1, 0x1.db747ee409ac5p-2, 0x1.9531e09b149b5p-2, 0x1.5f88f52f3c76bp-2, 0x1.3583f6644327bp-2, 0x1.13e5743b60480p-2, 0x1.d94446d627932p-3, 0x1.8c9eb68ff27d7p-3, 0x1.54a7a08d4bb45p-3, 0x1.2a2af19c14930p-3, 0x1.08e62ce8c89adp-3, 0x1.dc603a3e77e9bp-4, 0x1.b096face146fep-4, 0x1.8c14049cd551ep-4, 0x1.5f75c42e97171p-4, 0x1.31742f4d8d4d3p-4, 0x1.0e078051f491dp-4, 0x1.e3db9bbbefc9ep-5, 0x1.b634a500659c3p-5, 0x1.90658c4eb57cbp-5, 0x1.7093453935bbap-5, 0x1.556d4dd1f605cp-5, 0x1.33714a024097ep-5, 0x1.0f67b1bff7645p-5, 0x1.e5d6a9f4cc3eap-6, 0x1.b7ad8ef8307ccp-6, 0x1.91853accde052p-6, 0x1.7173c308c43e9p-6, 0x1.561fcfda08321p-6, 0x1.3e8ef95095f56p-6},
        {-0x1.07bdf1ba92638p-55, -0x1.29cd502311694p-57, 0x1.043ee954d70f9p-55, -0x1.55a02e5f77a54p-56, -0x1.aa50c340c1e1dp-58, -0x1.b7eb84afb0636p-57, -0x1.88eb8b5d47ef8p-56, 0x1.ca1dfde965b90p-56, -0x1.a7c97262b1e15p-58, -0x1.bb476a647d57bp-57, -0x1.69f6e10ce3e7dp-61, -0x1.fa044e1695e70p-57, -0x1.dc92565e21033p-57, -0x1.d4e9a92f59cf9p-59, 0x1.97cf2487b2b15p-59, -0x1.060a6d226f33ap-59, -0x1.a1db4ce70caa3p-58, -0x1.f827195adca9dp-59, 0x1.52fa6475166e1p-62, 0x1.7e1217d482aadp-61, -0x1.0e1b70a94e366p-59, 0x1.34d8706d0922dp-59, -0x1.762f59901c7a3p-61, -0x1.69934d9a5e3d1p-59, 0x1.f3b9770531494p-59, -0x1.738a92faafb48p-59, -0x1.40ffd52e35a41p-61, 0x1.af3ecb7b69180p-61, -0x1.225d1bb164e19p-61, -0x1.e9cda46a01cd1p-60, 0x1.2d9666ecc6c83p-60, -0x1.bff88b425aa57p-60},  /* c_0 lo */
        {-0x1.d1f52e46ef826p-1, -0x1.3a5c679d7bb59p-1, -0x1.babd0e4f1a24dp-2, -0x1.4369f60195edcp-2, -0x1.e78b356770fbbp-3, -0x1.797a639d8129dp-3, -0x1.2b11e6959934cp-3, -0x1.e36580c7f734ap-4, -0x1.6a70d2bb37411p-4, -0x1.0305781330099p-4, -0x1.82a8522b868a1p-5, -0x1.2aa6503acda11p-5, -0x1.da39533524970p-6, -0x1.81149bc4a104bp-6, -0x1.3e981b3b13590p-6, -0x1.0bc46cdc18fe6p-6, -0x1.a6e2cf277a0cbp-7, -0x1.404455ba9f3bep-7, -0x1.f57cad15dbe3cp-8, -0x1.93108c9356f34p-8, -0x1.4ae8bbe708546p-8, -0x1.14782b97452f2p-8, -0x1.d4cddeef787a8p-9, -0x1.9276b60443f7cp-9, -0x1.467f441a50cf9p-9, -0x1.fd20a0cb71091p-10, -0x1.98006b41c68e6p-10, -0x1.4e3cc52793c39p-10, -0x1.16cb03a88c8efp-10, -0x1.d8252a832fb4bp-11, -0x1.94ed2196647d1p-11, -0x1.5f18990e83c39p-11},
        {0x1.84d8493cb1bcap-1, 0x1.d28c0e1177cd5p-2, 0x1.2577420fcd07dp-2, 0x1.80ef8f454cf88p-3, 0x1.05e72521ca1b8p-3, 0x1.701342cbcea7bp-4, 0x1.0a15ac2adab35p-4, 0x1.8a6efeed233adp-5, 0x1.0615670e25a7ap-5, 0x1.43b98bac83823p-6, 0x1.a7eddc9ee6425p-7, 0x1.22f0664f3cbf9p-7, 0x1.9ef71691a5520p-8, 0x1.317c144f8b419p-8, 0x1.cdeae21161624p-9, 0x1.6535040e2c85ap-9, 0x1.f75ef7a0fb2dap-10, 0x1.4d07bba601411p-10, 0x1.cea22f2be068fp-11, 0x1.4dfd333e2243cp-11, 0x1.f197309556b6fp-12, 0x1.7c66d2a104795p-12, 0x1.2937870fcdf5ep-12, 0x1.d9243e5cacb1bp-13, 0x1.59fa2994d54efp-13, 0x1.dcb8a7c6aeeb1p-14, 0x1.562a96b0758b2p-14, 0x1.fb98687d18238p-15, 0x1.82cb1527ef463p-15, 0x1.2d73a48df2c3ap-15, 0x1.deee0c8da2570p-16, 0x1.82ba6dba30634p-16},
        {-0x1.163c18bf90dc9p-1, -0x1.2e82dbf846fedp-2, -0x1.59c35c06f7ffep-3, -0x1.9d5868de0b582p-4, -0x1.01343a2c92265p-4, -0x1.4bcdb9d9083c2p-5, -0x1.ba018e6428103p-6, -0x1.2ef92f6f10797p-6, -0x1.6883f9919a17cp-7, -0x1.84e9ab30e6ab4p-8, -0x1.c24b49c47a2c4p-9, -0x1.1434ae05873abp-9, -0x1.6373226edf541p-10, -0x1.dc1af883a33c8p-11, -0x1.49d492a39eb5fp-11, -0x1.d662fda6d50f5p-12, -0x1.28787f0e7f4c7p-12, -0x1.5783a27fad25bp-13, -0x1.a80f2934e8b5ap-14, -0x1.134ff4426076ap-14, -0x1.7481570279709p-15, -0x1.04c1668352a77p-15, -0x1.77b3f7978e1a8p-16, -0x1.1560775b6b45dp-16, -0x1.6dd369db39094p-17, -0x1.bd9f058f74df3p-18, -0x1.1e90357ca61dap-18, -0x1.8100c74fe5b66p-19, -0x1.0c109a761b5a9p-19, -0x1.80a1dc85d952ap-20, -0x1.1b0953da04d5ep-20, -0x1.a9b9a4bfc4521p-21},
        {0x1.6210c624bfb59p-2, 0x1.611afb945d391p-3, 0x1.72d46a9b3f164p-4, 0x1.9831c2c850080p-5, 0x1.d4e711a2df9a8p-6, 0x1.17eba60d31fd9p-6, 0x1.5a142948a9b3ap-7, 0x1.b99589d40f244p-8, 0x1.da595561f8c91p-9, 0x1.c2c72fd727ba5p-10, 0x1.d085857a1815fp-11, 0x1.fff032a0df986p-12, 0x1.2a660fdec0495p-12, 0x1.6cc10c16255c7p-13, 0x1.d03e19aa1138fp-14, 0x1.31dddbe4362a6p-14, 0x1.59b29296c5d54p-15, 0x1.5f8a69c9ddf2fp-16, 0x1.82426c752514ap-17, 0x1.c3904bd3edbedp-18, 0x1.15adcc42ea680p-18, 0x1.6433d10f6a283p-19, 0x1.d976d0b37898ep-20, 0x1.445d3c99eaf91p-20, 0x1.81fb2ba7eb961p-21, 0x1.9fd8ef215f1e3p-22, 0x1.df572c7048054p-23, 0x1.23b1721d52135p-23, 0x1.73371e27f3ff0p-24, 0x1.ea608ac1f6365p-25, 0x1.4e4f0dba2e108p-25, 0x1.d460d8ccf1d17p-26},
        {-0x1.99c4e0953ad04p-3, -0x1.7a16147a558c7p-4, -0x1.6fce5df0ba06bp-5, -0x1.779dd2a3da1e4p-6, -0x1.910a5d7c0a6f0p-7, -0x1.bdf24bccac5fcp-8, -0x1.014eae28304a6p-8, -0x1.33237c3eeace9p-9, -0x1.2bd251bb2e892p-10, -0x1.f99e41ecb0528p-12, -0x1.d25ebba1c47edp-13, -0x1.cfcdea1b1f4eep-14, -0x1.eb88e0e8f3b5cp-15, -0x1.12f1743bc5a1fp-15, -0x1.4230e3ccf878bp-16, -0x1.8900e0bd28f2cp-17, -0x1.8f23feccb7155p-18, -0x1.64fcbb7153f26p-19, -0x1.5da898d823d1fp-20, -0x1.7074a5b576f54p-21, -0x1.9c3efbbac2363p-22, -0x1.e4dce67f57c95p-23, -0x1.296db577fa535p-23, -0x1.7a51b09ece5a2p-24, -0x1.96605f1ea2fdbp-25, -0x1.836964ccc8e15p-26, -0x1.905c14c91c072p-27, -0x1.b9813abb34417p-28, -0x1.00ca3ab6639d4p-28, -0x1.3859b1da60c40p-29, -0x1.8a9a07e326c3dp-30, -0x1.0180380756c34p-30},
        {0x1.b5f0a02414dd3p-4, 0x1.78491fa6f82a6p-5, 0x1.552fe6ffdec84p-6, 0x1.452648d612e24p-7, 0x1.446c5166bcff1p-8, 0x1.51ab9ffcdc63fp-9, 0x1.6d609f6aa9721p-10, 0x1.99b60e42d78a5p-11, 0x1.6d7743d0d0752p-12, 0x1.131bb16021dd0p-13, 0x1.c882f022b0870p-15, 0x1.9b50d0d20233dp-16, 0x1.8d8e597518bf0p-17, 0x1.9818c0a1ac965p-18, 0x1.b93f4735bbbb7p-19, 0x1.f31a325aafe3fp-20, 0x1.c871a15a44bd8p-21, 0x1.67ca2bf691d2bp-22, 0x1.3a9b814a1498dp-23, 0x1.2b25ebb3d271ap-24, 0x1.30be82b9b7d1ep-25, 0x1.48d73b507352ap-26, 0x1.7490dc00352b8p-27, 0x1.b81a86a44382ap-28, 0x1.aaf0d3b8c69d5p-29, 0x1.685157ecfc5fcp-30, 0x1.4df1407c8e954p-31, 0x1.4dc261a506969p-32, 0x1.62f12bd872e4ap-33, 0x1.8d989329f60e2p-34, 0x1.d17418b1c6f98p-35, 0x1.1af77fc3079b2p-35},
        {-0x1.b506ac16334f1p-5, -0x1.5f77477a7e405p-6, -0x1.2a7f4fb7c854ap-7, -0x1.0ab3832ba6e3bp-8, -0x1.f38c6d051c831p-10, -0x1.e8ae68b424b5ap-11, -0x1.f1b43d3abb5fep-12, -0x1.070e0cb5e33adp-12, -0x1.aed7ebca0d623p-14, -0x1.2312b2596e525p-15, -0x1.b45d025f97987p-17, -0x1.65778aad2fa9dp-18, -0x1.3c0776386172bp-19, -0x1.2a625a21f6e41p-20, -0x1.2a4352eaa9323p-21, -0x1.395be06d3ec08p-22, -0x1.028f46466874ep-23, -0x1.67f14d34b047cp-25, -0x1.19623f7e08392p-26, -0x1.e35faff3d2b16p-28, -0x1.c0b497d667513p-29, -0x1.bc802d164f44dp-30, -0x1.d14be23996fffp-31, -0x1.fea8dca010c8ap-32, -0x1.bf9951f7ce060p-33, -0x1.4e8fd24e06c1dp-34, -0x1.162b7ccc7cbacp-35, -0x1.f80f2f1690b4cp-37, -0x1.ea283a0275d14p-38, -0x1.f9b5941149a44p-39, -0x1.1254078039aaep-39, -0x1.36c4d9cf62494p-40},
        {0x1.9aa036c32423cp-6, 0x1.3662c302b7513p-7, 0x1.efd03d109dcd0p-9, 0x1.a0ef7f728bac7p-10, 0x1.6fd9a5d5f9c9fp-11, 0x1.535f583c39f51p-12, 0x1.465ecd4229e51p-13, 0x1.4631c4d1e8ba2p-14, 0x1.ec774505f8928p-16, 0x1.2bfb5df40d471p-17, 0x1.97dd7b2b93a0cp-19, 0x1.30c2fc4e508b0p-20, 0x1.ee335fdb8d8c0p-22, 0x1.ae1fad62a2d5ap-23, 0x1.8e37536992867p-24, 0x1.8530fe28d054dp-25, 0x1.22467fa703cf3p-26, 0x1.657f3d3a6560cp-28, 0x1.f463bd670ecd6p-30, 0x1.84a368a087369p-31, 0x1.48ffe33df6b19p-32, 0x1.2b635d6458e4cp-33, 0x1.21b2689bebed9p-34, 0x1.27818fc9c90afp-35, 0x1.d445c02178fedp-37, 0x1.3622211ab6594p-38, 0x1.cece26e2d8039p-40, 0x1.7c356008daf84p-41, 0x1.522113d2bcae0p-42, 0x1.415bbe822ec57p-43, 0x1.432604e0bf05bp-44, 0x1.551a5f364a8dcp-45},
        {-0x1.6da7b1ee1941bp-7, -0x1.04aee6188e5abp-8, -0x1.88ef9956ecbc4p-10, -0x1.37fe70b571c8ap-11, -0x1.041e38d75ce55p-12, -0x1.c5fa6b1269d8cp-14, -0x1.9d622835efb63p-15, -0x1.87a61e4c733f0p-16, -0x1.117a67af7b49ap-17, -0x1.2da32acb7239bp-19, -0x1.753cac36306d5p-21, -0x1.fe3e337f84cf1p-23, -0x1.7c568da335fb4p-24, -0x1.31c3e07887610p-25, -0x1.06a3adb77e130p-26, -0x1.de42544d7b00ap-28, -0x1.43003874acd59p-29, -0x1.608ea4975fdf9p-31, -0x1.ba5ceff668cc2p-33, -0x1.36faf4c5f12efp-34, -0x1.e086eee7a796ep-36, -0x1.91ed423f1aa52p-37, -0x1.67ae1f40191f5p-38, -0x1.5522e9aa9ef5dp-39, -0x1.e8e121ed53961p-41, -0x1.1f03f32f9fffep-42, -0x1.807bf094711efp-44, -0x1.1e7961482fc54p-45, -0x1.d21486426f34fp-47, -0x1.981a244aca171p-48, -0x1.7c66b18a827f0p-49, -0x1.762de51eb2353p-50},
        {0x1.3635c3c955bf2p-8, 0x1.a26750eea1a6ep-10, 0x1.2a6962ae82f1fp-11, 0x1.c0b1e068d6379p-13, 0x1.62733072afae5p-14, 0x1.254e1b54c5ad8p-15, 0x1.fafb8a473dc0fp-17, 0x1.c8588530b3504p-18, 0x1.27a9390317aadp-19, 0x1.2852bc0e0dd68p-21, 0x1.4ebd27cdf5edbp-23, 0x1.a3bbca583415ep-25, 0x1.204958e397d93p-26, 0x1.acf85485e87c7p-28, 0x1.56688903dc2a5p-29, 0x1.22d48e50b727fp-30, 0x1.64477f65a476ap-32, 0x1.5940d2babca37p-34, 0x1.84d54cb5346dcp-36, 0x1.ef53586313974p-38, 0x1.5d86d7e70c944p-39, 0x1.0ce12e5e3108ap-40, 0x1.bd453997d2d80p-42, 0x1.88d15289ccc7cp-43, 0x1.fd4ac044c56d0p-45, 0x1.092bf7fb5fba9p-46, 0x1.3efbaf7038e7cp-48, 0x1.af3708fdb6bcdp-50, 0x1.40ecb7f3001e6p-51, 0x1.02ecd75ac91edp-52, 0x1.bf7e36c8f2344p-54, 0x1.9a38886734ca4p-55},
        {-0x1.f7a8911ea5ec8p-10, -0x1.421e277d0d610p-11, -0x1.b3e59c6f16cd4p-13, -0x1.370a0741007b5p-14, -0x1.d2b26ae3faf3bp-16, -0x1.6f05bc06c5751p-17, -0x1.2db368b42d87fp-18, -0x1.0285f9ad97d51p-19, -0x1.37b5f78105c71p-21, -0x1.1ccd1251d2d2ap-23, -0x1.268a446cff077p-25, -0x1.53935bc70d2c4p-27, -0x1.aeb27ef597562p-29, -0x1.2912ed48a46b7p-30, -0x1.b960a68294b8bp-32, -0x1.5e2cc7b96e3b2p-33, -0x1.85b98b4f790e1p-35, -0x1.4fd3edbee6fe0p-37, -0x1.53e47287061f6p-39, -0x1.88a84efd650fap-41, -0x1.fa8097509caeep-43, -0x1.668df67fa28d8p-44, -0x1.12d33f549ab39p-45, -0x1.c333b06325c21p-47, -0x1.08c2535cc6163p-48, -0x1.e9369e89e10dep-51, -0x1.084d7006855e6p-52, -0x1.4432c751d6c83p-54, -0x1.b98e9829d6a21p-56, -0x1.484e251cfd9b4p-57, -0x1.070917198708cp-58, -0x1.c179c4e5e338bp-60},
        {0x1.8b9229846f126p-11, 0x1.e097a62edf22ep-13, 0x1.34f86f58c0a0fp-14, 0x1.a32a64496da22p-16, 0x1.2b1ccfd222518p-17, 0x1.bfca0ee6e3b99p-19, 0x1.5e9ec243bf580p-20, 0x1.1e6a817a20eb7p-21, 0x1.45495a1473f87p-23, 0x1.0f2ae5288211fp-25, 0x1.00f723aab2e7ap-27, 0x1.109d76ce096f4p-29, 0x1.3f80ad0780c91p-31, 0x1.98e74a6be2d4ep-33, 0x1.1ae2340ba5602p-34, 0x1.a380bcceb81f7p-36, 0x1.ad8647beec613p-38, 0x1.48951393da300p-40, 0x1.2a827159aa884p-42, 0x1.3876fe077958fp-44, 0x1.70287f7c6283dp-46, 0x1.df6bd9bad45b7p-48, 0x1.5406ea18ef3b5p-49, 0x1.03a4f618ca4dbp-50, 0x1.16c76f1a74bd5p-52, 0x1.c7ca94519a012p-55, 0x1.b986ac729e2fdp-57, 0x1.eab80cc26e4aap-59, 0x1.31749aeb2d123p-60, 0x1.a23d94d3ead94p-62, 0x1.367a44e21aa63p-63, 0x1.ee38b890d4d19p-65},
        {-0x1.282c8fbbd69f2p-12, -0x1.56df82d6a658dp-14, -0x1.a424ffd4f28e4p-16, -0x1.0fad34496d754p-17, -0x1.71c213fb46fafp-19, -0x1.0813c7ffe3c83p-20, -0x1.8acedcbe01407p-22, -0x1.341b12c7d03d9p-23, -0x1.46901a6c0fb72p-25, -0x1.f37f0065b9c85p-28, -0x1.b3b29ae67b570p-30, -0x1.aaf8b22629374p-32, -0x1.cfdf7644955e0p-34, -0x1.141fe86eacd20p-35, -0x1.6498d1485b6c8p-37, -0x1.ef2da07a01ca6p-39, -0x1.cd742ee4152b8p-41, -0x1.3b01faa8ad76ep-43, -0x1.01daeeffbe544p-45, -0x1.ea87600396c99p-48, -0x1.088a47c57b7e6p-49, -0x1.3d65d06dd5dd3p-51, -0x1.a12dac2c7a677p-53, -0x1.28a77c2cc77f1p-54, -0x1.205424b8598a0p-56, -0x1.a2b41fa15a193p-59, -0x1.6c9de9a4b076dp-61, -0x1.6feb724d9de4dp-63, -0x1.a34de98ef3363p-65, -0x1.08a2bc4aa5732p-66, -0x1.6c61b2ac16df9p-68, -0x1.0e5c741acd33ap-69},
    },
    .rc = {0x1.0000000000000p-3, 0x1.8000000000000p-2, 0x1.4000000000000p-1, 0x1.c000000000000p-1, 0x1.2000000000000p+0, 0x1.6000000000000p+0, 0x1.a000000000000p+0, 0x1.e000000000000p+0, 0x1.2000000000000p+1, 0x1.6000000000000p+1, 0x1.a000000000000p+1, 0x1.e000000000000p+1, 0x1.1000000000000p+2, 0x1.3000000000000p+2, 0x1.5000000000000p+2, 0x1.7000000000000p+2, 0x1.a000000000000p+2, 0x1.e000000000000p+2, 0x1.1000000000000p+3, 0x1.3000000000000p+3, 0x1.5000000000000p+3, 0x1.7000000000000p+3, 0x1.9000000000000p+3, 0x1.b000000000000p+3, 0x1.e000000000000p+3, 0x1.1000000000000p+4, 0x1.3000000000000p+4, 0x1.5000000000000p+4, 0x1.7000000000000p+4, 0x1.9000000000000p+4, 0x1.b000000000000p+4, 0x1.d000000000000p+4},
    .es = {0x1.20dd750429b6dp+0, 0x1.1ab65add161a4p-56, -0x1.812746b0379e7p-2, 0x1.ce2f21a042bc4p-4, -0x1.b82ce31287c3bp-6, 0x1.565bcd0e2a0ecp-8, -0x1.c02db3ec0512fp-11, 0x1.f9a322ee007edp-14, -0x1.f4d1d396ba8b4p-17, 0x1.b9dab8b9589b8p-20, -0x1.5ebf13eda7063p-23, 0x1.ef2c56e5bb101p-27, -0x1.04feeb56d2ebbp-30},  /* c_0 hi, lo, c_1.. */
    .rsqrt2_hi = 0x1.6a09e667f3bcdp-1,  /* RN(1/sqrt2) */
    .rsqrt2_lo = -0x1.bdd3413b26456p-55, /* RN(1/sqrt2 - rsqrt2_hi) */
};

/* tab[idx] per lane, tab of 32 doubles, idx in bits 0..4 (bits above
 * ignored); n16: the caller's z < 6 (slots 0..15 only), one vpermt2pd */
AB_AVX512_INLINE __m512d erf64_lut32(const double *tab, __m512i idx, __mmask8 upper, const int n16) {
    __m512d lo = _mm512_permutex2var_pd(_mm512_loadu_pd(tab), idx, _mm512_loadu_pd(tab + 8));
    if (n16) return lo;
    __m512d hi = _mm512_permutex2var_pd(_mm512_loadu_pd(tab + 16), idx, _mm512_loadu_pd(tab + 24));
    return _mm512_mask_blend_pd(upper, lo, hi);
}

/* The rest of the core after R's Horner, for both widths (V: the width's
 * _mm*_op_pd; see erf64_core): R ~ c0 + t q + c0lo_, times e^(-h)(1 - l),
 * as F_out + *Fe, 2^*kf. */
#define ERF64_V8(op) _mm512_##op##_pd
#define ERF64_V4(op) _mm256_##op##_pd
#define ERF64_C(V, j) V(set1)(ab_exp_f64_p11.c##j)
#define ERF64_FINISH(T, V, q, t, c0lo_, c0, h, l, Fe, kf, F_out)                                           \
    do {                                                                                                   \
        T a1 = V(mul)(q, t);                                                                               \
        T lo = V(add)(V(fmsub)(q, t, a1), c0lo_); /* + c_0lo */                                            \
        /* -h = n ln2 + r + rl */                                                                          \
        const T shift = V(set1)(ab_exp_f64_rr.shift);                                                      \
        T n = V(sub)(V(fmadd)(h, V(set1)(-ab_exp_f64_rr.invln2), shift), shift);                           \
        *(kf) = n;                                                                                         \
        T r1 = V(fnmsub)(n, V(set1)(ab_exp_f64_rr.ln2hi), h);                                              \
        T r = V(fnmadd)(n, V(set1)(ab_exp_f64_rr.ln2lo), r1);                                              \
        T rl = V(fnmadd)(n, V(set1)(ab_exp_f64_rr.ln2lo), V(sub)(r1, r));                                  \
        /* e^r = 1 + r + r^2/2 + w2: r^2 = r2 + r2e (FMA), c2 r^2 = r2/2 + r2 (c2                          \
         * - 1/2) + r2e c2, the rest r^3 qe2(r) (|w2| <= 0.009: its roundings and                          \
         * qe2's are ~2^-59 absolute) */                                                                   \
        T r2 = V(mul)(r, r), r2e = V(fmsub)(r, r, r2), hr2 = V(mul)(r2, V(set1)(0.5));                     \
        T qa = V(fmadd)(r, ERF64_C(V, 4), ERF64_C(V, 3)), qb = V(fmadd)(r, ERF64_C(V, 6), ERF64_C(V, 5));  \
        T qc = V(fmadd)(r, ERF64_C(V, 8), ERF64_C(V, 7)), qd = V(fmadd)(r, ERF64_C(V, 10), ERF64_C(V, 9)); \
        T qe2 = V(fmadd)(r2, V(fmadd)(r2, V(fmadd)(r2, V(fmadd)(r2, ERF64_C(V, 11), qd), qc), qb), qa);    \
        T w2 = V(fmadd)(V(mul)(r2, r), qe2,                                                                \
                         V(fmadd)(r2e, ERF64_C(V, 2), V(mul)(r2, V(set1)(ab_exp_f64_p11.c2 - 0.5))));      \
        /* (rl - l) e^r: |l| <= 2^-44 needs e^r to full precision here */                                  \
        w2 = V(fmadd)(V(sub)(rl, l), V(add)(V(set1)(1.0), V(add)(r, V(add)(hr2, w2))), w2);                \
        T Ed = V(add)(V(set1)(1.0), V(add)(r, V(add)(hr2, w2)));                                           \
        /* (1 + r + r2/2 + w2)(c0 + a1): c0 (r + r2/2) by two products, c0 +                               \
         * P + Q by Fast2Sums (|P| <= 0.35 c0, |Q| <= 0.061 c0), the rest (a1 Ed                           \
         * with |a1| <= 0.1 R, w2 c0) in the tail */                                                       \
        T P = V(mul)(r, c0), Pe = V(fmsub)(r, c0, P);                                                      \
        T Q = V(mul)(hr2, c0), Qe = V(fmsub)(hr2, c0, Q);                                                  \
        T S1 = V(add)(c0, P), Se1 = V(add)(V(sub)(c0, S1), P);                                             \
        T S = V(add)(S1, Q), Se2 = V(add)(V(sub)(S1, S), Q);                                               \
        T tail = V(fmadd)(lo, Ed, V(add)(V(add)(Se1, Se2), V(add)(Pe, Qe)));                               \
        tail = V(fmadd)(a1, Ed, tail);                                                                     \
        tail = V(fmadd)(w2, c0, tail);                                                                     \
        T Fm_ = V(add)(S, tail);                                                                           \
        *(Fe) = V(add)(V(sub)(S, Fm_), tail);                                                              \
        (F_out) = Fm_;                                                                                     \
    } while (0)

/* erfc(z) = 2^kf (F + Fe) for z in [0, 30) (or NaN), given z = zh + zl
 * (zl = 0 but for gelu, |zl| <= 2^-53 zh) and z^2 = h + l (|l| <= ulp(h)/2).
 *   R: slot k from w = RN(zh + 2), t = RN(zh - c_k) + zl (exact for z >=
 * 1/2, where the kernels use the core: Sterbenz); q = c_13 .. c_1 by Horner
 * (FMA); t q = a1 + (its FMA residual), lo = residual + c_0lo, so R ~ c0 +
 * a1 + lo with c0 = c_0hi exact and |a1| <= 0.1 R (slots 2..31).
 *   e^(-h) (1 - l): n = kf = round(-h / ln2), r1 = -h - n ln2hi (exact:
 * n ln2hi exact for |n| < 2^13, here |n| <= 1300; Sterbenz), r = RN(r1 -
 * n ln2lo), rl = (r1 - r) - n ln2lo (r1 - r exact), so -h - n ln2 = r + rl
 * to ~2^-100 (|r| <= 0.347); e^(r + rl)(1 - l) = 1 + r + r2/2 + w2 with
 * r^2 = r2 + r2e exactly and |w2| <= 0.009 (below).
 *   (1 + r + r2/2 + w2)(c0 + a1 + lo): c0 r and c0 r2/2 by two products
 * (FMA residuals), c0 + P + Q by two Fast2Sums: exact; the rest, a1 Ed
 * (Ed = RN(e^r-ish), |a1| <= 0.1 R), lo Ed, w2 c0 and the residuals, in a
 * tail <= 0.11 of the result; F = RN(S + tail), Fe = (S - F) + tail exactly.
 * Error relative to erfc, worst cases summed (u = 2^-53): R's fit 0.08, q's
 * error x |t q| / R 0.07, e^r's fit 0.03 and w2's roundings 0.05, Ed's error
 * x a1 0.15, the tail's two roundings 0.21: <= 0.6 u; sampled: <= 0.29 u
 * (800,000 z uniform in [1/2, 6] and [6, 28], against mpmath).
 * NaN: propagates through t and h.  The caller clamps z (erfc(28) < 2^-1100);
 * n16 (a constant): z < 6, the tables' first 16 slots. */
AB_AVX512_INLINE __m512d erf64_core(__m512d zh, __m512d zl, __m512d h, __m512d l, __m512d *Fe, __m512d *kf,
                                     const int n16) {
    __m512i k = _mm512_srli_epi64(_mm512_castpd_si512(_mm512_add_pd(zh, _mm512_set1_pd(2.0))), 49);
    __mmask8 up = _mm512_test_epi64_mask(k, _mm512_set1_epi64(16));
    __m512d t = _mm512_add_pd(_mm512_sub_pd(zh, erf64_lut32(ab_erf_f64.rc, k, up, n16)), zl);
    __m512d q = erf64_lut32(ab_erf_f64.r[ERF64_DEG + 1], k, up, n16);
#pragma GCC unroll 16
    for (int j = ERF64_DEG; j >= 2; j--)
        q = _mm512_fmadd_pd(q, t, erf64_lut32(ab_erf_f64.r[j], k, up, n16));
    __m512d c0 = erf64_lut32(ab_erf_f64.r[0], k, up, n16), F;
    ERF64_FINISH(__m512d, ERF64_V8, q, t, erf64_lut32(ab_erf_f64.r[1], k, up, n16), c0, h, l, Fe, kf, F);
    return F;
}


/* The AVX2+FMA twin (4 lanes): the same arithmetic; the tables are read
 * per lane from a row copy (erf64_rows[slot] = rc, c_0hi, c_0lo, c_1 ..
 * c_13: 16 doubles, filled from ab_erf_f64 once at load time by
 * erf64_rows_init): two rows' pairs (j, j + 1) in one ymm (vinsertf128 from
 * memory), unpcklpd/unpckhpd give coefficients j and j + 1 of all four
 * lanes.  (vgatherqpd, 15 of them, made the kernel slower than scalar libm
 * on Zen 5.)  Slot index (bits(w) >> 49) & 31, in bounds for every w, NaN
 * included.  Returns the same F, Fe, kf bits as erf64_core. */
static double erf64_rows[32][16] __attribute__((aligned(64)));
static inline void erf64_rows_init(void) {
    for (int k = 0; k < 32; k++) {
        erf64_rows[k][0] = ab_erf_f64.rc[k];
        for (int j = 0; j <= ERF64_DEG + 1; j++) erf64_rows[k][j + 1] = ab_erf_f64.r[j][k];
    }
}
AB_AVX2_INLINE void erf64_pair4(const double *const *row, int j, __m256d *a, __m256d *b) {
    __m256d x02 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_load_pd(row[0] + j)), _mm_load_pd(row[2] + j), 1);
    __m256d x13 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_load_pd(row[1] + j)), _mm_load_pd(row[3] + j), 1);
    *a = _mm256_unpacklo_pd(x02, x13);
    *b = _mm256_unpackhi_pd(x02, x13);
}
AB_AVX2_INLINE __m256d erf64_core4(__m256d zh, __m256d zl, __m256d h, __m256d l, __m256d *Fe, __m256d *kf) {
    __m256i k = _mm256_and_si256(_mm256_srli_epi64(_mm256_castpd_si256(_mm256_add_pd(zh, _mm256_set1_pd(2.0))), 49),
                                 _mm256_set1_epi64x(31));
    long long ki[4] __attribute__((aligned(32)));
    _mm256_store_si256((__m256i *)ki, k);
    const double *row[4] = {erf64_rows[ki[0]], erf64_rows[ki[1]], erf64_rows[ki[2]], erf64_rows[ki[3]]};
    __m256d cc[16];
#pragma GCC unroll 8
    for (int j = 0; j < 16; j += 2) erf64_pair4(row, j, &cc[j], &cc[j + 1]);
    /* cc[0] = rc, cc[1] = c_0hi, cc[2] = c_0lo, cc[j + 2] = c_j */
    __m256d t = _mm256_add_pd(_mm256_sub_pd(zh, cc[0]), zl);
    __m256d q = cc[ERF64_DEG + 2];
#pragma GCC unroll 16
    for (int j = ERF64_DEG; j >= 2; j--)
        q = _mm256_fmadd_pd(q, t, cc[j + 1]);
    __m256d F;
    ERF64_FINISH(__m256d, ERF64_V4, q, t, cc[2], cc[1], h, l, Fe, kf, F);
    return F;
}

#endif /* AB_KERNELS_ERF_F64_H */
