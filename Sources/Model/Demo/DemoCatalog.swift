/// Fixed reference content for the demo province: offices, item catalogue, names and headlines.
public enum DemoCatalog {
    /// The emergency management office of a region, e.g. 太原市应急管理局.
    public static func officeName(_ region: Region) -> Names {
        switch region.level {
        case .province: Names(zh: region.names.zh + "应急管理厅", en: region.names.en + " Emergency Management Dept.")
        case .township: Names(zh: region.names.zh + "应急办", en: region.names.en + " Emergency Office")
        default: Names(zh: region.names.zh + "应急管理局", en: region.names.en + " Emergency Management Bureau")
        }
    }

    public static let operators = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞",
                                   "郭鹏", "马丽", "孙浩", "胡斌", "高峰", "林涛"]

    /// The supply catalogue: (id, zh, en, category, uom zh, uom en, typical stock).
    public static let items: [(String, String, String, ItemCategory, String, String, Int64)] = [
        ("tent-12", "12㎡单帐篷", "Tent 12m²", .shelter, "顶", "tent", 800),
        ("tent-36", "36㎡救灾帐篷", "Relief tent 36m²", .shelter, "顶", "tent", 300),
        ("tent-cold", "棉帐篷", "Winter tent", .shelter, "顶", "tent", 200),
        ("shelter-fold", "折叠床", "Folding bed", .shelter, "张", "bed", 1500),
        ("partition", "隔断帐篷", "Partition tent", .shelter, "顶", "tent", 150),
        ("quilt", "棉被", "Quilt", .bedding, "床", "quilt", 3000),
        ("blanket", "毛毯", "Blanket", .bedding, "条", "blanket", 2500),
        ("sleeping-bag", "睡袋", "Sleeping bag", .bedding, "个", "bag", 1200),
        ("mat", "防潮垫", "Ground mat", .bedding, "张", "mat", 2000),
        ("coat", "棉大衣", "Winter coat", .clothing, "件", "coat", 2000),
        ("raincoat", "雨衣", "Raincoat", .clothing, "件", "coat", 3000),
        ("boots", "雨靴", "Rain boots", .clothing, "双", "pair", 1500),
        ("instant-noodles", "方便面", "Instant noodles", .food, "箱", "case", 1000),
        ("biscuits", "压缩饼干", "Ration biscuits", .food, "箱", "case", 800),
        ("rice", "大米", "Rice", .food, "袋", "sack", 600),
        ("flour", "面粉", "Flour", .food, "袋", "sack", 600),
        ("self-heating", "自热米饭", "Self-heating meal", .food, "箱", "case", 500),
        ("water-bottled", "瓶装饮用水", "Bottled water", .water, "箱", "case", 2000),
        ("water-purifier", "净水器", "Water purifier", .water, "台", "unit", 40),
        ("water-bag", "储水袋", "Water bladder", .water, "个", "bag", 300),
        ("first-aid", "急救包", "First-aid kit", .medical, "个", "kit", 1000),
        ("stretcher", "担架", "Stretcher", .medical, "副", "stretcher", 200),
        ("disinfectant", "消毒液", "Disinfectant", .medical, "箱", "case", 400),
        ("masks", "医用口罩", "Medical masks", .medical, "箱", "case", 500),
        ("antibiotics", "常用药品", "Common medicines", .medical, "箱", "case", 300),
        ("hydraulic-cutter", "液压剪切器", "Hydraulic cutter", .rescueEquipment, "套", "set", 20),
        ("life-detector", "生命探测仪", "Life detector", .rescueEquipment, "台", "unit", 10),
        ("chainsaw", "油锯", "Chainsaw", .rescueEquipment, "台", "unit", 40),
        ("breathing-app", "正压式呼吸器", "SCBA set", .rescueEquipment, "套", "set", 60),
        ("gas-detector", "多功能气体检测仪", "Gas detector", .rescueEquipment, "台", "unit", 50),
        ("rope", "救援绳索", "Rescue rope", .rescueEquipment, "根", "rope", 200),
        ("lifting-bag", "起重气垫", "Lifting bag", .rescueEquipment, "套", "set", 15),
        ("flashlight", "强光手电", "Flashlight", .lighting, "支", "torch", 1500),
        ("light-tower", "移动照明灯塔", "Light tower", .lighting, "台", "unit", 20),
        ("headlamp", "头灯", "Headlamp", .lighting, "个", "lamp", 1000),
        ("generator-5kw", "5千瓦发电机", "Generator 5 kW", .power, "台", "unit", 40),
        ("generator-30kw", "30千瓦发电机组", "Generator 30 kW", .power, "台", "unit", 8),
        ("fuel", "柴油", "Diesel", .power, "桶", "drum", 200),
        ("sat-phone", "卫星电话", "Satellite phone", .communication, "部", "phone", 30),
        ("radio", "对讲机", "Two-way radio", .communication, "部", "radio", 200),
        ("bgan", "便携卫星站", "Portable satcom", .communication, "套", "set", 5),
        ("sandbag", "编织袋", "Sandbags", .floodControl, "条", "bag", 50000),
        ("geotextile", "土工布", "Geotextile", .floodControl, "㎡", "m²", 20000),
        ("life-jacket", "救生衣", "Life jacket", .floodControl, "件", "jacket", 2000),
        ("lifebuoy", "救生圈", "Lifebuoy", .floodControl, "个", "ring", 800),
        ("assault-boat", "冲锋舟", "Assault boat", .floodControl, "艘", "boat", 10),
        ("pump", "排涝泵", "Drainage pump", .floodControl, "台", "unit", 30),
        ("steel-pipe", "钢管桩", "Steel piles", .floodControl, "根", "pile", 1000),
        ("wire-mesh", "铅丝网片", "Gabion mesh", .floodControl, "片", "sheet", 2000),
        ("extinguisher", "灭火器", "Extinguisher", .fireFighting, "具", "unit", 1000),
        ("wind-blower", "风力灭火机", "Fire blower", .fireFighting, "台", "unit", 100),
        ("fire-rake", "二号工具", "Fire rake", .fireFighting, "把", "tool", 600),
        ("water-gun", "高压水枪", "Water pump gun", .fireFighting, "支", "gun", 100),
        ("fire-suit", "阻燃服", "Fire suit", .fireFighting, "套", "suit", 500),
        ("foam", "泡沫灭火剂", "Foam concentrate", .fireFighting, "吨", "t", 20),
        ("hose", "消防水带", "Fire hose", .fireFighting, "盘", "roll", 400),
        ("helmet", "安全头盔", "Safety helmet", .rescueEquipment, "顶", "helmet", 1500),
        ("gloves", "防护手套", "Work gloves", .clothing, "双", "pair", 3000),
        ("tarp", "篷布", "Tarpaulin", .shelter, "块", "sheet", 1500),
        ("stove", "取暖炉", "Heating stove", .shelter, "台", "stove", 300),
    ]

    /// Items whose stock is rotated before it expires (food, water, medicine, fuel).
    public static func perishable(_ category: ItemCategory) -> Bool {
        category == .food || category == .water || category == .medical
    }

    /// Unit name patterns per kind ({r} = region name).
    public static func unitName(_ kind: UnitKind, region: String, n: Int) -> String {
        switch kind {
        case .fireRescue: "\(region)消防救援站\(n)"
        case .mineRescue: "\(region)矿山救护\(n)中队"
        case .hazmat: "\(region)危化救援\(n)队"
        case .floodRescue: "\(region)防汛抢险\(n)队"
        case .earthquakeGeo: "\(region)地震地质救援\(n)队"
        case .forestFire: "\(region)森林消防\(n)中队"
        case .medical: "\(region)紧急医学救援\(n)队"
        case .utilities: "\(region)电力通信保障\(n)队"
        case .helicopter: "航空救援直升机B-7\(n)"
        case .fixedWing: "固定翼B-1\(n)"
        case .drone: "\(region)无人机侦察\(n)组"
        case .volunteer: ["\(region)蓝天救援队", "\(region)红十字志愿队", "\(region)公羊救援队"][n % 3]
        case .military: "\(region)武警联络组\(n)"
        }
    }

    /// Who issues warnings for a hazard, e.g. 气象台.
    public static func issuer(_ hazard: Hazard) -> String {
        switch hazard.capCategory {
        case .met: "气象台"
        case .geo: hazard == .earthquake ? "地震局" : "自然资源局"
        case .fire: "应急管理局"
        case .health: "卫生健康委"
        default: "应急管理局"
        }
    }

    /// A realistic Chinese headline for a warning.
    public static func headline(_ hazard: Hazard, level: WarningLevel, area: String, magnitude: Double) -> String {
        let l = level.names.zh
        switch hazard {
        case .earthquake: return "\(area)发生\(String(format1(magnitude)))级地震，启动地震应急\(level.roman)级响应"
        case .landslide: return "\(area)自然资源局发布地质灾害(滑坡)\(l)预警"
        case .collapse: return "\(area)发布崩塌地质灾害\(l)预警，请远离陡坡危岩"
        case .debrisFlow: return "\(area)发布泥石流\(l)预警，沟谷群众立即转移"
        case .rainstorm: return "\(area)气象台发布暴雨\(l)预警信号"
        case .snowstorm: return "\(area)气象台发布暴雪\(l)预警信号"
        case .highTemperature: return "\(area)气象台发布高温\(l)预警信号"
        case .freezing: return "\(area)气象台发布道路结冰\(l)预警信号"
        case .hailGale: return "\(area)气象台发布冰雹\(l)预警信号，伴有8级以上大风"
        case .lightning: return "\(area)气象台发布雷电\(l)预警信号"
        case .drought: return "\(area)发布干旱\(l)预警，启动抗旱\(level.roman)级应急响应"
        case .flood: return "汾河\(area)段发布洪水\(l)预警"
        case .mountainTorrent: return "\(area)发布山洪灾害\(l)预警"
        case .urbanWaterlogging: return "\(area)发布城市内涝\(l)预警，低洼路段禁止通行"
        case .forestFire: return "\(area)森林火险等级达\(level == .red ? "五" : "四")级，发布森林火险\(l)预警"
        case .coalMineGas: return "\(area)某煤矿瓦斯浓度超限，井下人员紧急撤离"
        case .coalMineWater: return "\(area)某煤矿发生透水征兆，启动矿山救援\(level.roman)级响应"
        case .coalMineFire: return "\(area)某煤矿井下发火，矿山救护队出动"
        case .hazardousChemicals: return "\(area)化工园区储罐泄漏，周边500米紧急疏散"
        case .tailingsPond: return "\(area)尾矿库浸润线超警，下游群众预防性转移"
        case .constructionAccident: return "\(area)建筑工地发生坍塌事故，现场搜救中"
        case .trafficAccident: return "\(area)高速公路多车相撞，请求救援力量"
        case .fireAccident: return "\(area)商住楼发生火灾，消防救援力量已出动"
        case .publicHealth: return "\(area)发布突发公共卫生事件\(l)预警"
        case .other: return "\(area)气象台发布大雾\(l)预警信号"
        }
    }

    private static func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Hazards weighted by how often Shanxi sees them (repeats raise the weight).
    public static let hazardMix: [Hazard] = [
        .rainstorm, .rainstorm, .rainstorm, .rainstorm, .hailGale, .hailGale, .lightning, .lightning,
        .highTemperature, .highTemperature, .snowstorm, .freezing, .freezing, .drought,
        .flood, .mountainTorrent, .mountainTorrent, .urbanWaterlogging, .urbanWaterlogging,
        .landslide, .landslide, .collapse, .debrisFlow, .earthquake,
        .forestFire, .forestFire, .forestFire, .coalMineGas, .coalMineWater, .coalMineFire,
        .hazardousChemicals, .tailingsPond, .constructionAccident, .trafficAccident, .trafficAccident,
        .fireAccident, .fireAccident, .publicHealth,
    ]

    /// Unit kinds best suited to a hazard (first is primary).
    public static func responders(_ hazard: Hazard) -> [UnitKind] {
        switch hazard {
        case .earthquake: [.earthquakeGeo, .fireRescue, .medical, .helicopter, .volunteer, .military]
        case .landslide, .collapse, .debrisFlow: [.earthquakeGeo, .fireRescue, .drone, .medical]
        case .rainstorm, .flood, .mountainTorrent, .urbanWaterlogging: [.floodRescue, .fireRescue, .volunteer, .drone, .military]
        case .snowstorm, .freezing, .hailGale, .lightning, .highTemperature, .drought: [.utilities, .fireRescue, .volunteer]
        case .forestFire: [.forestFire, .helicopter, .drone, .fireRescue, .military]
        case .coalMineGas, .coalMineWater, .coalMineFire: [.mineRescue, .medical, .utilities]
        case .hazardousChemicals, .tailingsPond: [.hazmat, .fireRescue, .medical]
        case .constructionAccident, .trafficAccident, .fireAccident: [.fireRescue, .medical]
        case .publicHealth: [.medical, .volunteer]
        case .other: [.fireRescue]
        }
    }

    /// Drill titles per hazard.
    public static func drillTitle(_ hazard: Hazard, area: String, form: DrillForm) -> String {
        let kind = form == .tabletop ? "桌面推演" : "实战演练"
        return "\(area)\(hazard.names.zh)应急\(kind)"
    }

    /// A duty phone made from a region code (no random draw, so the demo's other values stay as they were):
    /// the city's area code and a seven-digit number, e.g. 0351-4010001.
    static func dutyPhone(_ region: RegionCode, line: Int) -> String {
        let city = Region.parent(of: region).map { RegionLevel.of($0) == .province ? region : $0 } ?? 140100
        let area = ["0351", "0352", "0353", "0355", "0356", "0349", "0354", "0359", "0350", "0357", "0358"][(city / 100 % 100 + 10) % 11]
        return area + "-" + String(4_000_000 + region % 10_000 * 100 + line % 100)
    }
}
