import Foundation
import Console
import Model

/// Every message the CLI prints for a person (results, table headers, errors), in English and Simplified Chinese;
/// placeholders `{0}`, `{1}`… are filled by `say`. `--json` output never goes through here: its keys stay English.
enum Msg: String, CaseIterable {
    // the error line and --help
    case helpTitle, helpUsage, helpOptions, helpDB, helpLang, helpJSON, helpErrors
    case errorLine, usageLine
    // arguments and values
    case needsValue, wholeNumber, missingCommand, missing, unknownOption, unexpectedArgument, unknownCommand
    case unknownSubcommand, unknownLevel, unknownValue, badRegion, qtyNotNumber, qtyNotPositive, qtyNotNegative
    case qtyTooLarge, badDate, badDateTime, noStore, upgrading
    // usage of the commands
    case importNeedsFiles, pollNeedsURLs, notHTTP, unknownQuarantineSub, quarantineIDNumber, unknownLanguage, unknownBell
    case unknownUnavailable, unknownContactKind, unknownStep, dispatchNeedsUnits, shiftNeedsNames, correctNeedsReason
    case handoverNeedsNames, unknownStatus, searchNeedsWords, alertWithIssue, expectedFieldValue, drillFieldUnknown
    case drillNeedsField, scheduleNeedsTitle, scheduleNeedsDate, serveNeedsStore, epochNeedsReason, authorizeNeedsKey
    case authorizeNeedsStore
    // init, seed, stats, check, rejections
    case initNeedsOffice, initBadOffice, initNeedsName, initNeedsOperator, created, seedNeedsDemo, seeded
    case statStore, statOffice, statOfficeLine, statClock, statClockLine, statClockAgrees, statClockJump, statClockJumpLine
    case statEvents, statAlerts, statAcks, statUnits, statDepots, statItems, statStockLines, statMovements, statDrills
    case statQueue, statRejected, statRejectedUnseen, statInTransit, statBytes
    case rejectedUndone, ok, problemsFound, acknowledgedCount, yes, no
    // sync and the centre
    case syncNeedsRemote, syncReport, syncRejected, syncCentreRejected, newEpoch, pruned, centralCreated, centralCreatedDemo
    // alerts import
    case eventRef, importDuplicate, imported, importSkipped, importRefused, quarantinedAs
    // results of the duty commands
    case shiftStarted, shiftEnded, noShift, shiftShow, noted, notedOnAlert, corrected, handedOver
    case acknowledgedAs, unitNow, unitNowFor, received, issued, onHand, belowMinimum
    case transferSent, transferred, transferAccepted, counted, drillUpdated, drillScheduled, phoneSet, leaderPhoneSet
    case unitDispatched, unitReleased, unitReleasedFor, stepDone, nothingFound
    case quarantineImported, quarantineDropped, quarantineStillRefused, noQuarantineEntry, noAlert
    // alerts show
    case showHeader, showField, showDescription, showInstruction, showEvent, showLevel, showNoLevel, showArea, showSender, showSent, showExpires, showLanguage
    case showMessages, showChainLine, showNoInfo
    // table headers
    case colLevel, colID, colHazard, colArea, colSent, colState, colAcks, colHeadline, colKind, colName, colHome
    case colStatus, colSince, colAlert, colStrength, colDepot, colItem, colQty, colMin, colUom, colFlags, colDepotName
    case colTransfer, colFrom, colTo, colDate, colForm, colScope, colMarks, colTitle, colRegion, colRing, colSpare
    case colEvent, colSeen, colReason, colWhat, colDetail, colUnit, colNow, colBackTo, colOwn, colStep, colDue
    case colLeft, colDone, colPhone, colLeader, colLeaderPhone, colReceived, colSource, colAt, colIdentifier, colBytes
    // alerts poll
    case pollError, pollUnchanged, pollSameBody, pollFetched, pollFailed, healthLine, healthOK, healthFailing, healthNever, healthNone

    var texts: (en: String, zh: String) {
        switch self {
        case .helpTitle: ("dutydesk — emergency-management operations console", "dutydesk — 应急管理值班控制台")
        case .helpUsage: ("USAGE", "用法")
        case .helpOptions: ("OPTIONS", "选项")
        case .helpDB: ("the store (default $XDG_DATA_HOME/dutydesk/store.db)", "数据库（默认 $XDG_DATA_HOME/dutydesk/store.db）")
        case .helpLang: ("the language of messages (default: LANG)", "提示语言（默认随 LANG）")
        case .helpJSON: ("one JSON object per line, stable field names (English)", "每行一个 JSON 对象，字段名固定（英文）")
        case .helpErrors: ("Errors go to stderr as one line; usage errors exit 2, other failures 1.",
                           "错误以一行写到 stderr；用法错误退出码 2，其他失败 1。")
        case .errorLine: ("dutydesk: {0}", "dutydesk：{0}")
        case .usageLine: ("dutydesk: {0}  (see dutydesk --help)", "dutydesk：{0}（见 dutydesk --help）")
        case .needsValue: ("{0} needs a value", "{0} 需要一个值")
        case .wholeNumber: ("{0} must be a whole number in {1}…{2}, not '{3}'", "{0} 须为 {1}…{2} 之间的整数，而非“{3}”")
        case .missingCommand: ("missing command", "缺少命令")
        case .missing: ("missing {0}", "缺少{0}")
        case .unknownOption: ("unknown option {0}", "未知选项 {0}")
        case .unexpectedArgument: ("unexpected argument '{0}'", "多余的参数“{0}”")
        case .unknownCommand: ("unknown command '{0}'", "未知命令“{0}”")
        case .unknownSubcommand: ("unknown {0} subcommand '{1}'", "未知的 {0} 子命令“{1}”")
        case .unknownLevel: ("unknown level '{0}'; use I, II, III, IV or red, orange, yellow, blue",
                             "未知级别“{0}”；可用 I、II、III、IV 或 red、orange、yellow、blue")
        case .unknownValue: ("unknown {0} '{1}'; use one of: {2}", "未知的 {0}“{1}”；可用：{2}")
        case .badRegion: ("region must be a GB/T 2260 code like 140100, not '{0}'", "区划须为 GB/T 2260 代码（如 140100），而非“{0}”")
        case .qtyNotNumber: ("quantity must be a whole number, not '{0}'", "数量须为整数，而非“{0}”")
        case .qtyNotPositive: ("quantity must be positive, not {0}", "数量须为正数，而非 {0}")
        case .qtyNotNegative: ("quantity must be zero or more, not {0}", "数量不能为负，而非 {0}")
        case .qtyTooLarge: ("quantity {0} is implausibly large", "数量 {0} 大得不合常理")
        case .badDate: ("date must be YYYY-MM-DD, not '{0}'", "日期须为 YYYY-MM-DD，而非“{0}”")
        case .badDateTime: ("date must be YYYY-MM-DD and time HH:MM, not '{0}'", "日期须为 YYYY-MM-DD、时间须为 HH:MM，而非“{0}”")
        case .noStore: ("no store at {0}; create one with `dutydesk init --office CODE --name NAME --operator NAME` or pass --db PATH",
                        "{0} 处没有数据库；请用 `dutydesk init --office 代码 --name 名称 --operator 姓名` 新建，或用 --db PATH 指定")
        case .upgrading: ("upgrading {0} to this version's schema…", "正在将 {0} 升级到本版本的结构…")
        case .importNeedsFiles: ("alerts import needs one or more CAP XML files (or - for stdin)", "alerts import 需要一个或多个 CAP XML 文件（或用 - 读标准输入）")
        case .pollNeedsURLs: ("alerts poll needs one or more feed URLs", "alerts poll 需要一个或多个订阅地址")
        case .notHTTP: ("'{0}' is not an http(s) URL", "“{0}”不是 http(s) 地址")
        case .unknownQuarantineSub: ("unknown alerts quarantine subcommand '{0}'", "未知的 alerts quarantine 子命令“{0}”")
        case .quarantineIDNumber: ("quarantine entry id must be a number, not '{0}'", "隔离条目编号须为数字，而非“{0}”")
        case .unknownLanguage: ("unknown language '{0}' for --lang (zh or en)", "--lang 的语言“{0}”未知（zh 或 en）")
        case .unknownBell: ("unknown --bell '{0}' (on, flash or off)", "未知的 --bell“{0}”（on、flash 或 off）")
        case .unknownUnavailable: ("unknown --unavailable '{0}' (confirm or refuse)", "未知的 --unavailable“{0}”（confirm 或 refuse）")
        case .unknownContactKind: ("unknown contact kind '{0}'; use office, depot or unit", "未知的联系人类别“{0}”；可用 office、depot 或 unit")
        case .unknownStep: ("unknown step '{0}'; use report, passOn or relief:AREA", "未知步骤“{0}”；可用 report、passOn 或 relief:区划")
        case .dispatchNeedsUnits: ("units dispatch needs ALERT-ID and at least one UNIT-ID", "units dispatch 需要预警编号和至少一个队伍编号")
        case .shiftNeedsNames: ("shift start needs --officer NAME and --leader NAME", "shift start 需要 --officer 值班员 和 --leader 带班领导")
        case .correctNeedsReason: ("correct needs --reason TEXT", "correct 需要 --reason 原因")
        case .handoverNeedsNames: ("handover --ack needs --officer NAME and --leader NAME (the incoming shift)", "handover --ack 需要接班的 --officer 值班员 和 --leader 带班领导")
        case .unknownStatus: ("unknown status '{0}'; use one of: {1}", "未知状态“{0}”；可用：{1}")
        case .searchNeedsWords: ("search needs at least one word (low, expiring and active are words too)", "search 需要至少一个词（low、expiring、active 也是词）")
        case .alertWithIssue: ("--alert goes with stock issue (stock issued for an alert)", "--alert 用于 stock issue（为预警出库）")
        case .expectedFieldValue: ("expected field=value, not '{0}'", "应为 字段=值，而非“{0}”")
        case .drillFieldUnknown: ("drills update knows status, title, evaluation, date, units — not '{0}'", "drills update 可改 status、title、evaluation、date、units，不能改“{0}”")
        case .drillNeedsField: ("drills update needs at least one field=value", "drills update 需要至少一个 字段=值")
        case .scheduleNeedsTitle: ("schedule needs --title", "schedule 需要 --title")
        case .scheduleNeedsDate: ("schedule needs --date YYYY-MM-DD", "schedule 需要 --date YYYY-MM-DD")
        case .serveNeedsStore: ("serve-sync needs --store PATH", "serve-sync 需要 --store 路径")
        case .epochNeedsReason: ("central new-epoch needs --reason TEXT (kept with the epoch for the record)", "central new-epoch 需要 --reason 原因（随纪元存档）")
        case .authorizeNeedsKey: ("office authorize needs --key FILE (the office's public key)", "office authorize 需要 --key 文件（该单位的公钥）")
        case .authorizeNeedsStore: ("office authorize needs --store PATH (the central store)", "office authorize 需要 --store 路径（中心库）")
        case .initNeedsOffice: ("init needs --office CODE (e.g. 140100)", "init 需要 --office 代码（如 140100）")
        case .initBadOffice: ("--office must be a GB/T 2260 region code like 140100, not '{0}'",
                              "--office 须为 GB/T 2260 区划代码（如 140100），而非“{0}”")
        case .initNeedsName: ("init needs --name for an office the catalog does not know", "区划目录中没有该单位，init 需要 --name")
        case .initNeedsOperator: ("init needs --operator NAME", "init 需要 --operator 姓名")
        case .created: ("created {0} for {1} ({2}), operator {3}, device {4}", "已创建 {0}：{1}（{2}），值班员 {3}，设备 {4}")
        case .seedNeedsDemo: ("seed needs --demo (the only source so far)", "seed 需要 --demo（目前唯一的数据来源）")
        case .seeded: ("seeded {0} events (scale {1}, seed {2}) into {3} in {4} s", "已向 {3} 写入 {0} 条事件（规模 {1}，种子 {2}），用时 {4} 秒")
        case .statStore: ("store", "数据库")
        case .statOffice: ("office", "单位")
        case .statOfficeLine: ("{0} ({1}), operator {2}", "{0}（{1}），值班员 {2}")
        case .statClock: ("clock", "时钟")
        case .statClockLine: ("{0} (checked {1})", "{0}（{1} 核对）")
        case .statClockJumpLine: ("this machine's clock went back {0} s behind the store's own stamps at {1}",
                                  "本机时钟于 {1} 回拨，比数据库自身的时间戳晚 {0} 秒")
        case .statClockAgrees: ("agrees with the centre's", "与中心一致")
        case .statClockJump: ("clock jump", "时钟回拨")
        case .statEvents: ("events", "事件")
        case .statAlerts: ("alerts", "预警")
        case .statAcks: ("acknowledgments", "确认")
        case .statUnits: ("units", "救援力量")
        case .statDepots: ("depots", "储备库")
        case .statItems: ("items", "物资品类")
        case .statStockLines: ("stock_lines", "库存条目")
        case .statMovements: ("movements", "出入库")
        case .statDrills: ("drills", "演练")
        case .statQueue: ("queue_depth", "待同步")
        case .statRejected: ("rejected", "被拒")
        case .statRejectedUnseen: ("rejected_unseen", "被拒未阅")
        case .statInTransit: ("in_transit", "在途调拨")
        case .statBytes: ("store_bytes", "文件字节")
        case .rejectedUndone: ("{0} rejected event{1} undone ({2} not yet acknowledged)", "{0} 条被拒事件已撤回（{2} 条尚未确认）")
        case .ok: ("ok", "正常")
        case .problemsFound: ("{0} problem{1} found", "发现 {0} 个问题")
        case .acknowledgedCount: ("acknowledged {0}", "已确认 {0} 条")
        case .yes: ("yes", "是")
        case .no: ("no", "否")
        case .syncNeedsRemote: ("sync needs --remote ssh://user@host/path/central.db or a path (remembered after the first sync)",
                                "sync 需要 --remote ssh://用户@主机/路径/central.db 或一个路径（首次同步后会记住）")
        case .syncReport: ("pushed {0}, pulled {1}, rejected {2}", "上传 {0}，下载 {1}，被拒 {2}")
        case .syncRejected: ("rejected {0}: {1}", "被拒 {0}：{1}")
        case .syncCentreRejected: ("the centre rejected {0} event{1}; {2} undone here (`dutydesk rejections` lists them)",
                                   "中心拒收 {0} 条事件；本地已撤回 {2} 条（`dutydesk rejections` 可查看）")
        case .newEpoch: ("central store {0}: new epoch {1}; every office re-reads its scope and re-sends what this store lacks",
                         "中心库 {0}：新纪元 {1}；各单位将重读其范围并补发本库缺少的事件")
        case .pruned: ("pruned {0} log entries no snapshot needs; horizon {1} (offices behind it bootstrap again)",
                       "已清理 {0} 条快照不再需要的日志；界线 {1}（落后于它的单位将重新初始化）")
        case .centralCreated: ("created central store {0}", "已创建中心库 {0}")
        case .centralCreatedDemo: ("created central store {0} with the demo province", "已创建中心库 {0}（含演示省份）")
        case .eventRef: ("(event {0})", "（事件 {0}）")
        case .importDuplicate: ("duplicate {0}: already in the store", "重复 {0}：库中已有")
        case .imported: ("imported {0} {1} {2}", "已导入 {0} {1} {2}")
        case .importSkipped: ("skipped {0} already in the store", "跳过库中已有的 {0} 条")
        case .importRefused: ("{0} of {1} message{2} refused; kept in quarantine (dutydesk alerts quarantine list)",
                              "{1} 条消息中 {0} 条被拒，已隔离（dutydesk alerts quarantine list）")
        case .quarantinedAs: ("(quarantined as {0})", "（隔离编号 {0}）")
        case .shiftStarted: ("shift {0} started: officer {1}, leader {2}, office {3}", "班次 {0} 已开始：值班员 {1}，带班领导 {2}，单位 {3}")
        case .shiftEnded: ("shift {0} ended (officer {1})", "班次 {0} 已结束（值班员 {1}）")
        case .noShift: ("no shift is on", "当前无人值班")
        case .shiftShow: ("shift {0}: officer {1}, leader {2}, office {3}, since {4}", "班次 {0}：值班员 {1}，带班领导 {2}，单位 {3}，自 {4} 起")
        case .noted: ("noted (event {0})", "已记入值班日志（事件 {0}）")
        case .notedOnAlert: ("noted (event {0}) on alert {1}", "已记入值班日志（事件 {0}），预警 {1}")
        case .corrected: ("corrected {0} by {1}", "已更正 {0}：{1}")
        case .handedOver: ("shift {0} handed over; shift {1} started: officer {2}, leader {3}",
                           "班次 {0} 已交班；班次 {1} 开始：值班员 {2}，带班领导 {3}")
        case .acknowledgedAs: ("acknowledged {0} as {1} of {2} (event {3})", "已确认 {0}：{2} {1}（事件 {3}）")
        case .unitNow: ("unit {0} is now {1} (event {2})", "队伍 {0} 已设为{1}（事件 {2}）")
        case .unitNowFor: ("unit {0} is now {1} for alert {3} (event {2})", "队伍 {0} 已设为{1}，响应预警 {3}（事件 {2}）")
        case .received: ("received {0} {1} into {2}{3} (event {4})", "{2} 入库 {1} {0}{3}（事件 {4}）")
        case .issued: ("issued {0} {1} from {2}{3} (event {4})", "{2} 出库 {1} {0}{3}（事件 {4}）")
        case .onHand: ("; {0} on hand", "，现存 {0}")
        case .belowMinimum: ("issuing {0} leaves {1} of {2} at {3}, below its minimum {4}: add --force (or --yes) to issue anyway",
                             "出库 {0} 后 {3} 的 {2} 剩 {1}，低于下限 {4}：确需出库请加 --force（或 --yes）")
        case .transferSent: ("sent {0} {1} from {2} to {3}, in transit until its office accepts transfer {4} (event {5})",
                             "已从 {2} 调出 {1} {0} 至 {3}，对方单位接收前在途（调拨 {4}，事件 {5}）")
        case .transferred: ("transferred {0} {1} from {2} to {3} (transfer {4}, events {5})", "已从 {2} 调拨 {1} {0} 至 {3}（调拨 {4}，事件 {5}）")
        case .transferAccepted: ("received {0} {1} at {2} (transfer {3}, event {4})", "{2} 已接收 {1} {0}（调拨 {3}，事件 {4}）")
        case .counted: ("counted {0} {1} at {2} (adjustment {3}, event {4})", "{2} 盘点 {1} {0}（调整 {3}，事件 {4}）")
        case .drillUpdated: ("updated drill {0}: {1} (event {2})", "已修改演练 {0}：{1}（事件 {2}）")
        case .drillScheduled: ("scheduled drill {0} {1} on {2} (event {3})", "已安排演练 {0} {1}，时间 {2}（事件 {3}）")
        case .phoneSet: ("{0} {1} duty phone is now {2} (event {3})", "{0} {1} 值班电话已设为 {2}（事件 {3}）")
        case .leaderPhoneSet: ("{0} {1} leader's phone is now {2} (event {3})", "{0} {1} 领导电话已设为 {2}（事件 {3}）")
        case .unitDispatched: ("unit {0} dispatched to alert {1} (event {2})", "队伍 {0} 已调派至预警 {1}（事件 {2}）")
        case .unitReleased: ("unit {0} released to {1} (event {2})", "队伍 {0} 已归队，恢复为{1}（事件 {2}）")
        case .unitReleasedFor: ("unit {0} released to {1} for alert {3} (event {2})", "队伍 {0} 已归队，恢复为{1}，响应预警 {3}（事件 {2}）")
        case .stepDone: ("step {0} of alert {1} done by {2} (event {3})", "预警 {1} 的步骤“{0}”已由 {2} 完成（事件 {3}）")
        case .nothingFound: ("nothing found", "未找到")
        case .quarantineImported: ("quarantine entry {0} imported and removed", "隔离条目 {0} 已导入并移除")
        case .quarantineDropped: ("dropped quarantine entry {0}", "已删除隔离条目 {0}")
        case .quarantineStillRefused: ("quarantine entry {0} is still refused", "隔离条目 {0} 仍被拒绝")
        case .noQuarantineEntry: ("no quarantine entry {0}", "没有隔离条目 {0}")
        case .noAlert: ("no alert '{0}'", "没有预警“{0}”")
        case .showHeader: ("{0} {1} {2} {3}: {4}", "{0} {1} {2} {3}：{4}")
        case .showField: ("{0}: {1}", "{0}：{1}")
        case .showDescription: ("description", "描述")
        case .showInstruction: ("instruction", "防御指引")
        case .showEvent: ("event", "事件")
        case .showLevel: ("level", "级别")
        case .showNoLevel: ("none stated", "未注明")
        case .showArea: ("area", "区域")
        case .showSender: ("sender", "发布单位")
        case .showSent: ("sent", "发布时间")
        case .showExpires: ("expires", "失效时间")
        case .showLanguage: ("language", "语言")
        case .showMessages: ("messages of the chain: {0}", "消息链：{0} 条")
        case .showChainLine: ("{0} {1} {2} from {3}: {4}", "{0} {1} {2}，发布单位 {3}：{4}")
        case .showNoInfo: ("(no <info>)", "（无 <info>）")
        case .colLevel: ("LVL", "级别")
        case .colID: ("ID", "编号")
        case .colHazard: ("HAZARD", "灾种")
        case .colArea: ("AREA", "区域")
        case .colSent: ("SENT", "发布")
        case .colState: ("STATE", "状态")
        case .colAcks: ("ACKS", "确认")
        case .colHeadline: ("HEADLINE", "标题")
        case .colKind: ("KIND", "类别")
        case .colName: ("NAME", "名称")
        case .colHome: ("HOME", "驻地")
        case .colStatus: ("STATUS", "状态")
        case .colSince: ("SINCE", "起始")
        case .colAlert: ("ALERT", "预警")
        case .colStrength: ("STRENGTH", "人数")
        case .colDepot: ("DEPOT", "储备库")
        case .colItem: ("ITEM", "物资")
        case .colQty: ("QTY", "数量")
        case .colMin: ("MIN", "下限")
        case .colUom: ("UOM", "单位")
        case .colFlags: ("FLAGS", "标记")
        case .colDepotName: ("DEPOT NAME", "储备库名称")
        case .colTransfer: ("TRANSFER", "调拨")
        case .colFrom: ("FROM", "调出")
        case .colTo: ("TO", "调入")
        case .colDate: ("DATE", "日期")
        case .colForm: ("FORM", "形式")
        case .colScope: ("SCOPE", "范围")
        case .colMarks: ("MARKS", "特点")
        case .colTitle: ("TITLE", "名称")
        case .colRegion: ("REGION", "区划")
        case .colRing: ("RING", "距离圈")
        case .colSpare: ("SPARE", "可调")
        case .colEvent: ("EVENT", "事件")
        case .colSeen: ("SEEN", "已阅")
        case .colReason: ("REASON", "原因")
        case .colWhat: ("WHAT", "内容")
        case .colDetail: ("DETAIL", "详情")
        case .colUnit: ("UNIT", "队伍")
        case .colNow: ("NOW", "当前")
        case .colBackTo: ("BACK TO", "恢复为")
        case .colOwn: ("OWN", "本单位")
        case .colStep: ("STEP", "步骤")
        case .colDue: ("DUE", "时限")
        case .colLeft: ("LEFT", "剩余")
        case .colDone: ("DONE", "完成")
        case .colPhone: ("DUTY PHONE", "值班电话")
        case .colLeader: ("LEADER ON DUTY", "带班领导")
        case .colLeaderPhone: ("LEADER PHONE", "领导电话")
        case .colReceived: ("RECEIVED", "接收")
        case .colSource: ("SOURCE", "来源")
        case .colAt: ("AT", "位置")
        case .colIdentifier: ("IDENTIFIER", "标识")
        case .colBytes: ("BYTES", "字节")
        case .pollError: ("{0}: {1}", "{0}：{1}")
        case .pollUnchanged: ("{0}: unchanged (304, 0 body bytes)", "{0}：未变（304，正文 0 字节）")
        case .pollSameBody: ("{0}: unchanged ({1}, the same {2} bytes as last time; nothing imported)",
                             "{0}：未变（{1}，与上次相同的 {2} 字节；未导入）")
        case .pollFetched: ("{0}: {1} bytes, {2} message{3}", "{0}：{1} 字节，{2} 条消息")
        case .pollFailed: ("some feeds failed or sent messages that were refused", "有订阅失败，或发来的消息被拒收")
        case .healthLine: ("{0}: {1}; last ok {2}; last error {3}; next try {4}", "{0}：{1}；上次成功 {2}；上次错误 {3}；下次尝试 {4}")
        case .healthOK: ("ok", "正常")
        case .healthFailing: ("failing ({0} in a row)", "故障（连续 {0} 次）")
        case .healthNever: ("never", "无")
        case .healthNone: ("none", "无")
        }
    }

    /// The CLI's language: `--lang` anywhere on the command line, else `LC_ALL`, `LC_MESSAGES`, `LANG`.
    static let language: Language = {
        let words = CommandLine.arguments
        let explicit = words.firstIndex(of: "--lang").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        return Language.from(environment: ProcessInfo.processInfo.environment, explicit: explicit)
    }()
}

/// A catalog message in the CLI's language (or in `lang`), its placeholders filled.
func say(_ m: Msg, _ args: CustomStringConvertible..., lang: Language? = nil) -> String {
    let texts = m.texts
    let template = (lang ?? Msg.language) == .zh ? texts.zh : texts.en
    return args.isEmpty ? template : Template.fill(template, args.map(\.description))
}

/// A feed failure in the CLI's language (the console catalog's words: `FeedFailureText`).
func say(_ failure: FeedFailure) -> String { FeedFailureText.text(failure, language: Msg.language) }

/// `URL: ok|failing (N in a row); last ok T; last error T reason; next try T|none`: one line, times in UTC, in the
/// CLI's language.
func say(_ h: FeedHealth) -> String {
    func t(_ d: Date?) -> String { d.map(iso8601) ?? say(.healthNever) }
    let state = h.failures == 0 ? say(.healthOK) : say(.healthFailing, h.failures)
    let error = h.lastError.map { "\(t(h.lastErrorAt)) \(say($0))" } ?? say(.healthNone)
    let next = h.nextTry == .distantFuture ? say(.healthNone) : iso8601(h.nextTry)
    return say(.healthLine, h.source, state, t(h.lastOK), error, next)
}

/// English's plural "s" for a count (Chinese templates leave the placeholder out).
func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

extension UsageError {
    init(_ m: Msg, _ args: CustomStringConvertible...) { self.init(Template.fill(say(m), args.map(\.description))) }
}

extension CommandError {
    init(_ m: Msg, _ args: CustomStringConvertible...) { self.init(Template.fill(say(m), args.map(\.description))) }
}

extension TextTable {
    /// A table whose header row is catalog column names in the CLI's language.
    init(_ columns: [Msg]) { self.init(columns.map { say($0) }) }
}
