import Model

/// The offices of a simulated province: the province, its cities and counties from the catalogue, then townships
/// under the counties in turn until `count` (the province: 300 = 1 + 11 + 117 + 171 townships).
public enum ProvinceOffices {
    public static func codes(_ count: Int) -> [RegionCode] {
        let catalog = RegionCatalog.shanxi
        var codes = [RegionLevel.province, .city, .county].flatMap { catalog.regions(at: $0) }.map(\.code)
        let counties = catalog.regions(at: .county).map(\.code)
        var n = 0
        while codes.count < count {
            codes.append(counties[n % counties.count] * 1000 + 100 + n / counties.count)
            n += 1
        }
        return Array(codes.prefix(count))
    }
}
