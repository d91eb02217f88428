/* cr_erf_f64.h: piecewise binary64 cores of erf and gelu for the cr-*
 * kernels of impls/cr_erf_simd.c (AVX-512F, f64 lanes; the rounding test
 * and the exp core are impls/kernels/cr_f64.h's).
 *
 * R(z) = erfc(z) e^(z^2) is smooth and slowly varying (1 at 0, ~1/(sqrt(pi)
 * z) for large z), so erfc(z) = e^(-z^2) R(z) with e^(-z^2) from the exp
 * core at an EXACT argument (z^2 of an f32 is exact in binary64).  R is a
 * polynomial per slot: 16 slots, each coefficient a table of 16 doubles
 * read with vpermt2pd (index in bits 0..3), Horner in t = z - c_k.
 *   erf table (z = |x| <= 63/16): slot k = round(RN(3.9) z) by the 1.5 2^52
 * shift; c_k = RN(k/3.9); slots 0..2 (z < 0.641) hold erf itself (slot 0:
 * constant coefficient 0, p = t q(t) with t = z exact), slots 3..15 R;
 * degree 10.
 *   gelu table (z = RN(|x| RN(1/sqrt2)), |x| <= 15 so z <= 10.61): slot =
 * bits 50..53 of w = RN(z + 1), i.e. 4 slots per binade of w (widths 1/4,
 * 1/2, 1, 2 for z in [0,1), [1,3), [3,7), [7,15)); c_k the slot's midpoint;
 * all slots R; degree 12.
 * Bounds (python3 scripts/fit/fit_cr_erf.py --check 20000, u = 2^-53):
 * approximation |p/f - 1| MEASURED on 20001 points of every slot (slot
 * edges widened by 2^-40 for the rounded slot choice): erf <= 2^-51.55,
 * gelu <= 2^-51.72 (not an interval proof; cr_erf_simd.c's eps keep a
 * factor 16 of room for it); Horner's rounding with FMAs, bounded
 * rigorously from the coefficients: erf <= 2^-51.01, gelu <= 2^-52.37
 * (relative to f on the slot). */
#ifndef AB_KERNELS_CR_ERF_F64_H
#define AB_KERNELS_CR_ERF_F64_H
#include "cr_f64.h"

#define CR_ERF_DEG 10
#define CR_GELU_DEG 12

/* python3 scripts/fit/fit_cr_erf.py (coefficients [power][slot], centers). */
static const struct {
    double erf[CR_ERF_DEG + 1][16];
    double erf_c[16];
    double gelu[CR_GELU_DEG + 1][16];
    double gelu_c[16];
    double s, rsqrt2, zmax_erf, shift;
} ab_cr_erf = {
    .erf = {
        {0x0.0p+0, 0x1.21e7b01e8ce24p-2, 0x1.103a2b583c911p-1, 0x1.fff1c772b218dp-2, 0x1.aec64bbf89352p-2, 0x1.71e85ee88d3b9p-2, 0x1.42f9032deb113p-2, 0x1.1de804b240384p-2, 0x1.000707f5df8c0p-2, 0x1.cf06886b4a1acp-3, 0x1.a62d3550119b0p-3, 0x1.83af511d0b551p-3, 0x1.66378fcd5f8bap-3, 0x1.4cc78960fa548p-3, 0x1.369e4a5c1ab0fp-3, 0x1.23272d6177e77p-3},
        {0x1.20dd750429b6dp+0, 0x1.0e7bf090cfbbbp+0, 0x1.bc21cfa9fdf1cp-1, -0x1.6fda79d659ca7p-2, -0x1.0fd1f07aa119ap-2, -0x1.9df53e2365c09p-3, -0x1.43656d2e1d4ccp-3, -0x1.02427fd959438p-3, -0x1.a45d5e099c4c9p-4, -0x1.5bc26501c8008p-4, -0x1.23d3205598160p-4, -0x1.efebfd8cd4b01p-5, -0x1.aa082f3c06f74p-5, -0x1.71905115ce0c2p-5, -0x1.435c7071cf4efp-5, -0x1.1d208ea6cd7f7p-5},
        {-0x1.a8ce7868ba71ap-49, -0x1.156b6ce34ad37p-2, -0x1.c78523c20b31bp-2, 0x1.c9f5e72577931p-3, 0x1.2ff8340d5eec9p-3, 0x1.a2333833c06fcp-4, 0x1.28d35a512abb4p-4, 0x1.b113f22438afcp-5, 0x1.43a582cfc35acp-5, 0x1.ee1e28d3b8345p-6, 0x1.8056bac3e4939p-6, 0x1.2ff88999693d1p-6, 0x1.e800901a8f4c7p-7, 0x1.8cf45cece9fbdp-7, 0x1.46c2716c9abbap-7, 0x1.0fe06ad638a6fp-7},
        {-0x1.812746b03447bp-2, -0x1.39392e23fde16p-2, -0x1.18b599f99bac7p-3, -0x1.ff3d44222ddd5p-4, -0x1.352b2f278de22p-4, -0x1.850419de82c89p-5, -0x1.fb089f3fe636bp-6, -0x1.54f5aa34dfd8ep-6, -0x1.d7922c2bca61ap-7, -0x1.4e5aa3a56f892p-7, -0x1.e4d6e387e2cfep-8, -0x1.66a3d67ebd26cp-8, -0x1.0e1c36918a3ffp-8, -0x1.9d874359594b3p-9, -0x1.413af94be0850p-9, -0x1.f9c1af9b5acb2p-10},
        {-0x1.4d982af9a262cp-34, 0x1.0942960ec8c94p-3, 0x1.77a82510b92c2p-3, 0x1.05547e2c0c03ep-4, 0x1.22d7ceb718fcfp-5, 0x1.51a962ee524dcp-6, 0x1.9740257fe0a4cp-7, 0x1.fc5aa0a51adcdp-8, 0x1.4742d1759f022p-8, 0x1.b14c74f0d9ec3p-9, 0x1.262d5b717f038p-9, 0x1.98ab5e4f1c73cp-10, 0x1.21cac9395f38ap-10, 0x1.a2c7d113a5b56p-11, 0x1.33ce9ab3a9de1p-11, 0x1.cb973f2ea477dp-12},
        {0x1.ce2f22a8cc7b1p-4, 0x1.4174a88d0ebc6p-4, 0x1.c9ebb5cd16353p-9, -0x1.f0588f6d8da98p-6, -0x1.00078d10a06b8p-6, -0x1.141b214f8ce9ep-7, -0x1.3605bd1816289p-8, -0x1.6920680e53c8ep-9, -0x1.b2f09328efb8dp-10, -0x1.0dff3bb2ecc83p-10, -0x1.589afa968b076p-11, -0x1.c30b54af8e8d7p-12, -0x1.2e094f5ae84aap-12, -0x1.9d15dc82ee613p-13, -0x1.1ff4fa1a35997p-13, -0x1.98974d58a328fp-14},
        {-0x1.e22112c3de37bp-24, -0x1.51e4cb925dc2ep-5, -0x1.9597cac688a67p-5, 0x1.ba580078f5d96p-7, 0x1.a9749d41fe405p-8, 0x1.ac74805d94210p-9, 0x1.c20ee0628fd00p-10, 0x1.eb604a9d0755bp-11, 0x1.15e818df597fap-11, 0x1.44b3fd0390954p-12, 0x1.86ce8f22a0794p-13, 0x1.e355d97bd1605p-14, 0x1.326f3a7da8075p-14, 0x1.8d8fa3908cdbep-15, 0x1.0761d4439a8d2p-15, 0x1.63cff92642debp-16},
        {-0x1.b82486369764ep-6, -0x1.00a2df3774161p-6, 0x1.a4e1680161a06p-8, -0x1.74cf6309f3b51p-8, -0x1.4fdae4f6127b4p-9, -0x1.3d35b90692447p-10, -0x1.38f6fd403cc03p-11, -0x1.4174678616f8bp-12, -0x1.56a4c111139d3p-13, -0x1.79e92597f989dp-14, -0x1.ae1dab1594867p-15, -0x1.f7e9448f68d16p-16, -0x1.2f2a496422ad5p-16, -0x1.75df0a748dcb1p-17, -0x1.d7aa07c4cdc5fp-18, -0x1.2fd58b4dc0229p-18},
        {-0x1.700923c3ed100p-16, 0x1.4280a64320a94p-7, 0x1.40ac905999785p-7, 0x1.2af3bbac0bae4p-9, 0x1.fa703e5818cc8p-11, 0x1.c239bb286cc74p-12, 0x1.a2a08255d58d2p-13, 0x1.95c7160662cb9p-14, 0x1.98c3737965e2dp-15, 0x1.aab4cdf0b5667p-16, 0x1.cc5c9f536cd54p-17, 0x1.00063f105154ap-17, 0x1.24eb67a89214bp-18, 0x1.5801115279c5ap-19, 0x1.9de693f53803ap-20, 0x1.fd4b277a4ff17p-21},
        {0x1.5fee657828a72p-8, 0x1.43d54352fe6acp-9, -0x1.32c1ea0675a37p-9, -0x1.cd1455c01ea85p-11, -0x1.702ad0949036bp-12, -0x1.34db68e5e680ap-13, -0x1.0f4d0d0b02448p-14, -0x1.f1790cf976c4fp-16, -0x1.da9dff815e047p-17, -0x1.d5de78a4ef049p-18, -0x1.e16ba966fa8f1p-19, -0x1.fd3d8496f10c5p-20, -0x1.156e6ad32502cp-20, -0x1.36b8d6a68d466p-21, -0x1.65074781a6f72p-22, -0x1.a399545f02e6ap-23},
        {-0x1.1b253c7f0e93cp-11, -0x1.e576b6425568ep-10, -0x1.8805775ce1830p-10, 0x1.5299c7dc7cbe6p-12, 0x1.ffabefb849d67p-14, 0x1.9676c4faccfdfp-15, 0x1.5261dba89cf15p-16, 0x1.26501d381b4a9p-17, 0x1.0aa8eee08bd4dp-18, 0x1.f5fa7e9a86184p-20, 0x1.e98fddf8d9d08p-21, 0x1.ed852a5de84e5p-22, 0x1.008c3df26e714p-22, 0x1.128118b735318p-23, 0x1.2db32c9dcfa88p-24, 0x1.61e00237aaf12p-25},
    },
    .erf_c = {0x0.0p+0, 0x1.0690690690690p-2, 0x1.0690690690690p-1, 0x1.89d89d89d89d9p-1, 0x1.0690690690690p+0, 0x1.4834834834835p+0, 0x1.89d89d89d89d9p+0, 0x1.cb7cb7cb7cb7dp+0, 0x1.0690690690690p+1, 0x1.2762762762762p+1, 0x1.4834834834835p+1, 0x1.6906906906907p+1, 0x1.89d89d89d89d9p+1, 0x1.aaaaaaaaaaaabp+1, 0x1.cb7cb7cb7cb7dp+1, 0x1.ec4ec4ec4ec4fp+1},
    .gelu = {
        {0x1.78a692138767ap-2, 0x1.23cfc2f1dc7e0p-2, 0x1.d94446d627932p-3, 0x1.8c9eb68ff27d7p-3, 0x1.3e0a99a0ee914p-3, 0x1.f5b2a049cf4c5p-4, 0x1.9d8a8f2284f2cp-4, 0x1.5f75c42e97171p-4, 0x1.1ea8c4009b459p-4, 0x1.cbe831f997124p-5, 0x1.7fd46c5e0864dp-5, 0x1.494bb2ce2924fp-5, 0x1.bf16ef058facfp-1, 0x1.5f28ade3ca4acp-1, 0x1.1d16b5809eaf6p-1, 0x1.db747ee409ac5p-2},
        {-0x1.abaacdbfa8afbp-3, -0x1.0c3d538446446p-3, -0x1.6a70d2bb37410p-4, -0x1.0305781330099p-4, -0x1.5285d2eb1ef1cp-5, -0x1.aa3eb6a946f71p-6, -0x1.238ca71b93fc2p-6, -0x1.a6e2cf277a0cbp-7, -0x1.1a5881c738976p-7, -0x1.6c55c82b4b6b9p-8, -0x1.fc477b46d6657p-9, -0x1.76711f8b6cf4dp-9, -0x1.d1f52e46ef826p-1, -0x1.3a5c679d7bb59p-1, -0x1.babd0e4f1a24dp-2, -0x1.4369f60195edcp-2},
        {0x1.b56f45eef7e86p-4, 0x1.c8d0cef0f8117p-5, 0x1.0615670e25a7cp-5, 0x1.43b98bac83823p-6, 0x1.5d581133379ebp-7, 0x1.62c12cb5f7592p-8, 0x1.95252b932efe7p-9, 0x1.f75ef7a0fb2dcp-10, 0x1.14108e58a9c9dp-10, 0x1.1f3df0de32f60p-11, 0x1.4f67f473cc4fcp-12, 0x1.a8b73429cebccp-13, 0x1.84d8493cb1bcap-1, 0x1.d28c0e1177cd5p-2, 0x1.2577420fcd07dp-2, 0x1.80ef8f454cf88p-3},
        {-0x1.9b635ac629959p-5, -0x1.6cb52fe48aa4ep-6, -0x1.6883f9919a8b6p-7, -0x1.84e9ab30e6d78p-8, -0x1.5e5d7e98bf960p-9, -0x1.218ed930b7df2p-10, -0x1.15976ddda4f59p-11, -0x1.28787f0e7f9e4p-12, -0x1.0bfde7c2ae3b1p-13, -0x1.c2c9072e90fc5p-15, -0x1.b92eddb6a6ca7p-16, -0x1.e08bef3ab5a0bp-17, -0x1.163c18bf90e9ap-1, -0x1.2e82dbf847066p-2, -0x1.59c35c06f8049p-3, -0x1.9d5868de0b5b2p-4},
        {0x1.68a25a663b428p-6, 0x1.13648a11fe935p-7, 0x1.da595561f72efp-9, 0x1.c2c72fd727349p-10, 0x1.5632136d707ddp-11, 0x1.d00785f2e7f4ep-13, 0x1.774f4826dbc0ep-14, 0x1.59b29296c4f18p-15, 0x1.0254d2c5bcce4p-16, 0x1.60131845d327ep-18, 0x1.21338ab42edb3p-19, 0x1.0f30b59c107e0p-20, 0x1.6210c624bf765p-2, 0x1.611afb945d19ap-3, 0x1.72d46a9b3f059p-4, 0x1.9831c2c84ffe9p-5},
        {-0x1.299636ccf0486p-7, -0x1.8bf716a36d765p-9, -0x1.2bd251b95f81bp-10, -0x1.f99e41eb4df14p-12, -0x1.460abd1e15617p-13, -0x1.6d54b11d42f99p-15, -0x1.f4e46d0e4194cp-17, -0x1.8f23feca281ffp-18, -0x1.ee9dcb56f6bbep-20, -0x1.11b748c0c24d4p-21, -0x1.79e921a44b0eep-23, -0x1.3156aeb5fdd4cp-24, -0x1.99c4e094d2065p-3, -0x1.7a16147a18d2bp-4, -0x1.6fce5df094ca3p-5, -0x1.779dd2a3c206ap-6},
        {0x1.d1b695b39d69ep-9, 0x1.106bd5c1b84f8p-10, 0x1.6d7743d43c13fp-12, 0x1.131bb1613f632p-13, 0x1.2f839e55a03f7p-15, 0x1.1ad6a32c59fc7p-17, 0x1.4a17e19afd4f7p-19, 0x1.c871a15e10d8cp-21, 0x1.d6521de0682fdp-23, 0x1.a7aa39cbd3624p-25, 0x1.ec3b26482ce9fp-27, 0x1.56f43e57ea0fbp-28, 0x1.b5f0a02522c07p-4, 0x1.78491fa77e65cp-5, 0x1.552fe7002621ep-6, 0x1.452648d63b4e4p-7},
        {-0x1.5b8bda2bb6987p-10, -0x1.683891b4d5e48p-12, -0x1.aed7f1ff11608p-14, -0x1.2312b4b95b4fdp-15, -0x1.146c0611e4fc4p-17, -0x1.aef910fb1da3dp-20, -0x1.add7bca7dc0a1p-22, -0x1.028f4aa9dce76p-23, -0x1.bc43f8cccd27bp-26, -0x1.4669b91056853p-28, -0x1.3f89e78f2939bp-30, -0x1.8046ee887415ep-32, -0x1.b506ad7e09a61p-5, -0x1.5f77484af0cb3p-6, -0x1.2a7f5037909a6p-7, -0x1.0ab3837e4fed5p-8},
        {0x1.f0fe6fd1f5778p-12, 0x1.cb4c6a1b4ef1bp-14, 0x1.ec773e6c63a6cp-16, 0x1.2bfb5bcd2efc6p-17, 0x1.ed2ac36d0372bp-20, 0x1.435508541e7bfp-22, 0x1.149cdcb56f956p-24, 0x1.22467bfd4b9e2p-26, 0x1.a0ed995df339ep-29, 0x1.f4c0ce874e38ap-32, 0x1.9d8c0427c7ebdp-34, 0x1.ad8cf434bf287p-36, 0x1.9aa034ba4345ap-6, 0x1.3662c1ffb14f9p-7, 0x1.efd03bfd48f64p-9, 0x1.a0ef7ed6939bcp-10},
        {-0x1.55b26e4fcf04cp-13, -0x1.1b213b34ab01bp-15, -0x1.11753a8374ddap-17, -0x1.2d9f35075380cp-19, -0x1.af2675a94d33dp-22, -0x1.dde922d532a09p-25, -0x1.5ff2c411f2663p-27, -0x1.42f8e72384d71p-29, -0x1.847f662a79857p-32, -0x1.7e7e28a225b22p-35, -0x1.0ab7de556235ap-37, -0x1.def94aaa05b39p-40, -0x1.6da55973ae79dp-7, -0x1.04ad8a5b41da2p-8, -0x1.88edef1761fd9p-10, -0x1.37fd5d0504e30p-11},
        {0x1.c568745ac3861p-15, 0x1.526f4dbed9e96p-17, 0x1.27ac284094f1ep-19, 0x1.2854a5de5ef6dp-21, 0x1.72311122bcbd2p-24, 0x1.5c54761c2b338p-27, 0x1.bafd9744277b1p-30, 0x1.644ac1293e375p-32, 0x1.6811467347473p-35, 0x1.221ae32c66c97p-38, 0x1.5709c11d5cd99p-41, 0x1.0a717a42c24e7p-43, 0x1.3637930f6926ep-8, 0x1.a2691da0e72a9p-10, 0x1.2a6a57824cdf9p-11, 0x1.c0b2f5c48c7f9p-13},
        {-0x1.289891e452d77p-16, -0x1.8f3de6ad7ba3cp-19, -0x1.3bdac11c2d7f1p-21, -0x1.1ff872ea681fbp-23, -0x1.43327d7ee04adp-26, -0x1.00ddc3ff4dbd4p-29, -0x1.192cb0b55111cp-32, -0x1.8b94c83628b9ap-35, -0x1.5a2ecdf0d7162p-38, -0x1.b2e5ed77fd347p-42, -0x1.c11577f97174dp-45, -0x1.2c64baf1afb3ep-47, -0x1.fb6a5057e5b36p-10, -0x1.444af73f0cb5cp-11, -0x1.b69002b1acea3p-13, -0x1.38c35570d26b5p-14},
        {0x1.6f3b27465f775p-18, 0x1.c187eff5dad67p-21, 0x1.444eda3f65942p-23, 0x1.0e87950867822p-25, 0x1.0a808dcac4634p-28, 0x1.6b3b6012af4c2p-32, 0x1.59bab44e6e362p-35, 0x1.ac704b6c14953p-38, 0x1.3b89ab0744c67p-41, 0x1.ae72edd842061p-45, 0x1.1e7abb4d80e80p-48, 0x1.4c32c1488eb63p-51, 0x1.8a5d2a4f658eep-11, 0x1.df64674d25497p-13, 0x1.34552b2809f52p-14, 0x1.a271714d4d668p-16},
    },
    .gelu_c = {0x1.4000000000000p+0, 0x1.c000000000000p+0, 0x1.2000000000000p+1, 0x1.6000000000000p+1, 0x1.c000000000000p+1, 0x1.2000000000000p+2, 0x1.6000000000000p+2, 0x1.a000000000000p+2, 0x1.0000000000000p+3, 0x1.4000000000000p+3, 0x1.8000000000000p+3, 0x1.c000000000000p+3, 0x1.0000000000000p-3, 0x1.8000000000000p-2, 0x1.4000000000000p-1, 0x1.c000000000000p-1},
    .s = 0x1.f333333333333p+1,      /* RN(3.9) */
    .rsqrt2 = 0x1.6a09e667f3bcdp-1, /* RN(1/sqrt2) */
    .zmax_erf = 0x1.f8p+1,          /* 63/16 */
    .shift = 0x1.8p+52,
};

/* tab[idx] per lane, tab of 16 doubles, idx in bits 0..3 */
AB_AVX512_INLINE __m512d cr_erf_lut16(const double *tab, __m512i idx) {
    return _mm512_permutex2var_pd(_mm512_loadu_pd(tab), idx, _mm512_loadu_pd(tab + 8));
}

/* Horner in t of the slot idx's polynomial: q_j = RN(q_(j+1) t + c_j). */
AB_AVX512_INLINE __m512d cr_erf_poly(const double (*c)[16], const int deg, __m512i idx, __m512d t) {
    __m512d q = cr_erf_lut16(c[deg], idx);
#pragma GCC unroll 16 /* -O2 keeps a 12-step loop rolled: one vector at a time */
    for (int j = deg - 1; j >= 0; j--)
        q = _mm512_fmadd_pd(q, t, cr_erf_lut16(c[j], idx));
    return q;
}

/* erf table: z = |x| clamped to [0, 63/16] (or NaN); returns p ~ erf(z)
 * (slots 0..2) or ~ R(z) (slots 3..15) and the mask of slots 0..2. */
AB_AVX512_INLINE __m512d cr_v8_erf_core(__m512d z, __mmask8 *direct) {
    const __m512d shift = _mm512_set1_pd(ab_cr_erf.shift);
    __m512d kf = _mm512_fmadd_pd(z, _mm512_set1_pd(ab_cr_erf.s), shift); /* low bits: k + 2^51 */
    __m512i k = _mm512_castpd_si512(kf);
    *direct = _mm512_cmp_pd_mask(_mm512_sub_pd(kf, shift), _mm512_set1_pd(2.5), _CMP_LT_OQ);
    __m512d t = _mm512_sub_pd(z, cr_erf_lut16(ab_cr_erf.erf_c, k));
    return cr_erf_poly(ab_cr_erf.erf, CR_ERF_DEG, k, t);
}

/* gelu table: z = |x|/sqrt2 in [0, 10.61] (or NaN); returns p ~ R(z). */
AB_AVX512_INLINE __m512d cr_v8_gelu_core(__m512d z) {
    __m512i k = _mm512_srli_epi64(_mm512_castpd_si512(_mm512_add_pd(z, _mm512_set1_pd(1.0))), 50);
    __m512d t = _mm512_sub_pd(z, cr_erf_lut16(ab_cr_erf.gelu_c, k));
    return cr_erf_poly(ab_cr_erf.gelu, CR_GELU_DEG, k, t);
}

#endif /* AB_KERNELS_CR_ERF_F64_H */
