/// A cubic y = a + b·x + c·x² + d·x³ in raw units: what the JSON output shows.
public struct Cubic: Sendable, Equatable {
    public var a: Double, b: Double, c: Double, d: Double

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    /// Horner evaluation.
    public func callAsFunction(_ x: Double) -> Double { ((d * x + c) * x + b) * x + a }
}

/// A cubic in the scaled variable t = (x − centre) / scale, where the tested range maps into
/// [−1, 1]. All root finding and fitting happen here so that the numbers stay well-conditioned
/// whatever the unit (W, km/h, m/s); raw coefficients are derived only for display.
struct ScaledCubic: Sendable {
    /// Coefficients p₀…p₃ of t⁰…t³.
    var p: [Double]
    var centre: Double
    var scale: Double

    func t(_ x: Double) -> Double { (x - centre) / scale }
    func x(_ t: Double) -> Double { centre + scale * t }

    func value(t: Double) -> Double { ((p[3] * t + p[2]) * t + p[1]) * t + p[0] }
    func value(x: Double) -> Double { value(t: t(x)) }

    /// dy/dt at t.
    func slope(t: Double) -> Double { (3 * p[3] * t + 2 * p[2]) * t + p[1] }

    /// The same curve in raw x: expands p_k·((x − m)/s)^k binomially.
    var raw: Cubic {
        var q = [0.0, 0, 0, 0]
        for k in 0...3 {
            let sk = pow(scale, Double(k))
            for j in 0...k {
                q[j] += p[k] * binomial(k, j) * pow(-centre, Double(k - j)) / sk
            }
        }
        return Cubic(a: q[0], b: q[1], c: q[2], d: q[3])
    }

    /// Least-squares cubic through the points, by Householder QR on the scaled Vandermonde
    /// matrix: no normal equations, so the condition number is that of the (small) scaled basis.
    static func fit(x xs: [Double], y ys: [Double]) -> ScaledCubic {
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        let centre = (lo + hi) / 2
        let scale = hi > lo ? (hi - lo) / 2 : 1
        let ts = xs.map { ($0 - centre) / scale }
        let rows = ts.map { t in [1, t, t * t, t * t * t] }
        let p = leastSquares(rows: rows, rhs: ys)
        return ScaledCubic(p: p, centre: centre, scale: scale)
    }

    /// Real roots of value(t) = level within [t0, t1], ascending. The interval is split at the
    /// critical points, so each piece is monotone and bisection on it cannot miss or fail.
    func roots(equalTo level: Double, in t0: Double, _ t1: Double) -> [Double] {
        var cuts = [t0]
        cuts += quadraticRoots(3 * p[3], 2 * p[2], p[1]).filter { $0 > t0 && $0 < t1 }.sorted()
        cuts.append(t1)
        var found: [Double] = []
        for i in 0..<(cuts.count - 1) {
            let lo = cuts[i], hi = cuts[i + 1]
            let flo = value(t: lo) - level, fhi = value(t: hi) - level
            if flo == 0 { found.append(lo); continue }
            if i == cuts.count - 2, fhi == 0 { found.append(hi); continue }
            guard (flo < 0) != (fhi < 0) else { continue }
            found.append(bisect(lo, hi, flo) { value(t: $0) - level })
        }
        var unique: [Double] = []
        for r in found where unique.last.map({ abs($0 - r) > 1e-12 }) ?? true { unique.append(r) }
        return unique
    }

    /// The t in [t0, t1] where the curve is lowest.
    func minimum(in t0: Double, _ t1: Double) -> Double {
        let candidates = [t0, t1] + quadraticRoots(3 * p[3], 2 * p[2], p[1]).filter { $0 > t0 && $0 < t1 }
        return candidates.min { value(t: $0) < value(t: $1) } ?? t0
    }
}

/// Bisection on a bracketing interval (f(lo) has the sign of `flo`, f(hi) the other): 100 halvings
/// reach the resolution of a Double.
func bisect(_ lo: Double, _ hi: Double, _ flo: Double, _ f: (Double) -> Double) -> Double {
    var lo = lo, hi = hi
    let negativeAtLo = flo < 0
    for _ in 0..<100 {
        let mid = (lo + hi) / 2
        guard mid > lo, mid < hi else { break }
        if (f(mid) < 0) == negativeAtLo { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
}

/// Real roots of A·t² + B·t + C, by the cancellation-free form (q = −(B + sgn B·√Δ)/2; roots q/A
/// and C/q). A vanishing leading coefficient falls back to the line; a slightly negative
/// discriminant from rounding counts as a double root.
func quadraticRoots(_ A: Double, _ B: Double, _ C: Double) -> [Double] {
    let size = max(abs(A), abs(B), abs(C))
    guard size > 0 else { return [] }
    let a = A / size, b = B / size, c = C / size
    if abs(a) < 1e-14 {
        return abs(b) < 1e-14 ? [] : [-c / b]
    }
    var disc = b * b - 4 * a * c
    if disc < 0 {
        guard disc > -1e-14 else { return [] }
        disc = 0
    }
    let q = -0.5 * (b + (b < 0 ? -1 : 1) * disc.squareRoot())
    if q == 0 { return [0] }
    return [q / a, c / q]
}

private func binomial(_ n: Int, _ k: Int) -> Double {
    var r = 1.0
    for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
    return r
}

private func pow(_ x: Double, _ n: Double) -> Double {
    var r = 1.0
    for _ in 0..<Int(n) { r *= x }
    return r
}

/// Least squares min ‖R·β − y‖ by Householder QR (columns are few; rows are the stages).
func leastSquares(rows: [[Double]], rhs: [Double]) -> [Double] {
    var a = rows
    var y = rhs
    let m = a.count, n = a.first?.count ?? 0
    guard m >= n, n > 0 else { return [Double](repeating: 0, count: n) }
    for k in 0..<n {
        var norm = 0.0
        for i in k..<m { norm += a[i][k] * a[i][k] }
        norm = norm.squareRoot()
        guard norm > 0 else { continue }
        let alpha = a[k][k] > 0 ? -norm : norm
        var v = [Double](repeating: 0, count: m)
        for i in k..<m { v[i] = a[i][k] }
        v[k] -= alpha
        var vv = 0.0
        for i in k..<m { vv += v[i] * v[i] }
        guard vv > 0 else { continue }
        for j in k..<n {
            var s = 0.0
            for i in k..<m { s += v[i] * a[i][j] }
            let f = 2 * s / vv
            for i in k..<m { a[i][j] -= f * v[i] }
        }
        var s = 0.0
        for i in k..<m { s += v[i] * y[i] }
        let f = 2 * s / vv
        for i in k..<m { y[i] -= f * v[i] }
    }
    var beta = [Double](repeating: 0, count: n)
    for k in stride(from: n - 1, through: 0, by: -1) {
        var s = y[k]
        for j in (k + 1)..<n { s -= a[k][j] * beta[j] }
        beta[k] = abs(a[k][k]) > 1e-300 ? s / a[k][k] : 0
    }
    return beta
}
