#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural log without Foundation; nil for non-positive input (no reading).
func naturalLog(_ x: Double) -> Double? {
    x > 0 && x.isFinite ? log(x) : nil
}
