// @stdlib/stats-kstest ships its Kolmogorov distribution code in lib/ without type declarations.
declare module "@stdlib/stats-kstest/lib/marsaglia.js" {
  /** P(D_n < d) for the two-sided one-sample Kolmogorov statistic (Marsaglia, Tsang & Wang 2003). */
  const pKolmogorov: (d: number, n: number) => number;
  export default pKolmogorov;
}
