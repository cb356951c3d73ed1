import Foundation
import Model

/// Every UI string of the console, in English and Simplified Chinese.
/// Placeholders `{0}`, `{1}`… are filled by `Catalog.text(_:_:_:)`.
enum S: String, CaseIterable {
    // panes and header
    case paneAlerts, paneUnits, paneStock, paneDrills
    case clockBehind, clockAhead
    case quarantinedCount, feedsOK, feedFailing, hFeeds, feedsTitle, feedsNone, feedLine, feedStateOK, feedStateFailing, feedNever
    // why a feed failed (FeedFailureText.swift)
    case ffTimedOut, ffTimedOutInAll, ffRefused, ffHostNotFound, ffConnectionLost, ffNoNetwork, ffTooManyRedirects, ffBadResponse
    case ffCancelled, ffTLS, ffIPv6Literal, ffNetworkCode, ffLibrary, ffHTTP, ffHTTPWith, ffHTTPShort, ffRetryAfter, ffSeparator
    case ffTooLargeAnnounced, ffTooLarge, ffTruncated, ffNotFeed, ffEmpty, ffJSON, ffHTML, ffWebPagesOne, ffWebPages, ffEntry
    case ffNoLink, ffStoreRefused
    case http400, http401, http403, http404, http410, http429, http500, http502, http503, http504, http3xx
    case queue, rejectedCount, rejectionsAcknowledged, online, offline, waiting, lastSync, syncedJustNow, never, syncError, activeOnly, allAlerts
    case detailID, detailSent, detailSender, detailDescription, detailInstruction, detailContact, detailOrganiser, detailEvaluation
    case familyNational, familyProfessional, familyAviation, familySocial, familyMilitary
    case tooSmall, empty, loading, filterPrompt, sortLabel, calendar, groupedBy
    // columns
    case colLevel, colHazard, colArea, colReceived, colAge, colState, colAcks, colHeadline
    case colKind, colName, colHome, colStatus, colSince, colAlert, colStrength
    case colDepot, colItem, colStock, colQty, colUom, colFlags, colExpires
    case colDate, colTitle, colForm, colScope, colMarks, colDays
    // flags and markers
    case flagLow, flagExpiring, flagNegative, markJoint, markDoubleBlind, today, inDays, daysAgo
    case ageMinutes, ageHours, ageDays, ageNow, allLevels, allCategories, levelFilter, categoryFilter
    // dialogs
    case quantity, reason, statusPickerTitle, alertIDField, alertIDHint, issueTitle, receiveTitle, countTitle
    case drillTitle, fieldTitle, fieldDate, fieldHazard, fieldForm, fieldScope, fieldRegion, fieldJoint, fieldDoubleBlind
    case yes, no, dialogHints, pickerHints, discardTitle, discardHint, onHand, detailTitle, detailHints, helpTitle, helpHints
    // validation
    case errNotNumber, errNotPositive, errNegative, errMoreThanOnHand, errTitleEmpty, errBadDate, errBadRegion
    case errNothingSelected, errWrongPane, errUnknownCommand, errUsage, errPaneNotInLayout, errBadLanguage
    // confirmations
    case acknowledged, statusSet, stockIssued, stockReceived, stockCounted, drillScheduled, themeSet, layoutSet, languageSet
    case alreadyAcknowledged
    // palette
    case palettePrompt, paletteHints, paletteNoMatch
    // help texts for commands
    case hFocusNext, hFocusPrev, hFocusPane, hDown, hUp, hPageDown, hPageUp, hTop, hBottom, hDetail, hFilter, hSort
    case hZoom, hHelp, hPalette, hAck, hUnitStatus, hIssue, hReceive, hCount, hSchedule, hCalendar, hQuit, hForceQuit
    case hLevel, hCategory, hScope, hNote, hLog, hUndo, hCorrect, hHandover, hTheme, hLayout, hLang, hRejections
    // the duty shift
    case onDuty, noteWritten, noteWrittenFor, notePrompt, notePromptAlert, undoPrompt, corrected, errUndoWhat
    case logTitle, logShift, logDay, logOf, logHints, logRejected, timelineTitle
    case handoverTitle, handoverHints, fieldOfficer, fieldLeader, tookOver, confirmHint, belowMinimumAsk
    // the duty shift (2): alarms, deadlines, dispatch and release, search, nearest stock, contacts
    case alarmAlert, alarmMissed, alarmMore, alarmHint, alarmAcknowledged, alarmNone, alarmSilenced, alarmOn, missedCount
    case colDue, stepsTitle, stepDone, stepLate, stepMissed, stepMarked, noOpenStep, errNoStep
    case unitsMarked, releaseOffer, dispatched, dispatchAsk, errDispatchWhat, released, nothingToRelease
    case searchTitle, searchNote, nearestTitle, nearestHints, contactsTitle, leaderOnDuty, listHints
    case transferTitle, toDepot, stockTransferred, errNoDepot
    case hAlarmAck, hAlarm, hStepDone, hMarkUnit, hDispatch, hRelease, hSearch, hNearest, hContacts
    // the quarantine overlay
    case hQuarantine, quarantineTitle, quarantineHints, quarantineRetried, quarantineStill, quarantineDropped
    // status-bar hints per context
    case hintsAlerts, hintsUnits, hintsStock, hintsDrills
    // plain (screen-reader, teletype) mode
    case plainStart, plainSummary, plainAlert, plainOurs, plainNewAlert, plainSyncFailed, plainSyncOnline, plainUnit
    case plainStock, plainDrill, plainHelp, plainUnknown, plainNoSuch, plainBye, plainListHint, plainMore, plainDetail, plainAgo

    var names: (en: String, zh: String) {
        switch self {
        case .paneAlerts: ("Alerts", "预警")
        case .paneUnits: ("Units", "救援力量")
        case .paneStock: ("Stock", "物资储备")
        case .paneDrills: ("Drills", "演练计划")
        case .quarantinedCount: ("quarantined {0}", "隔离 {0}")
        case .feedsOK: ("feeds ok {0}", "订阅正常 {0}")
        case .hFeeds: ("Live feeds and spools: last success, last error, next try", "订阅与投递目录：上次成功、上次错误、下次尝试")
        case .feedsTitle: ("Feeds: {0}", "订阅：{0} 个")
        case .feedsNone: ("No feeds: start the console with --feed URL or --spool DIR, or list them in feeds.conf",
                          "没有订阅：用 --feed 地址 或 --spool 目录 启动，或写入 feeds.conf")
        case .feedLine: ("{0}  {1} · last ok {2} · last error {3} · next try {4}", "{0}  {1} · 上次成功 {2} · 上次错误 {3} · 下次尝试 {4}")
        case .feedStateOK: ("ok", "正常")
        case .feedStateFailing: ("failing ({0} in a row)", "故障（连续 {0} 次）")
        case .feedNever: ("never", "无")
        case .ffTimedOut: ("timed out", "超时")
        case .ffTimedOutInAll: ("timed out after {0} s in all", "共 {0} 秒仍未完成，超时")
        case .ffRefused: ("connection refused", "连接被拒绝")
        case .ffHostNotFound: ("host not found", "找不到主机")
        case .ffConnectionLost: ("connection lost", "连接中断")
        case .ffNoNetwork: ("no network", "没有网络")
        case .ffTooManyRedirects: ("too many redirects (a redirect loop?)", "重定向过多（重定向循环？）")
        case .ffBadResponse: ("bad server response", "服务器应答有误")
        case .ffCancelled: ("cancelled", "已取消")
        case .ffTLS: ("TLS failed (untrusted or invalid certificate?)", "TLS 失败（证书不受信任或无效？）")
        case .ffIPv6Literal: ("this build cannot fetch from an IPv6 address literal; use a host name for it",
                              "本版本无法访问 IPv6 地址字面量，请改用主机名")
        case .ffNetworkCode: ("network error {0}", "网络错误 {0}")
        case .ffLibrary: ("{0}", "网络错误：{0}")
        case .ffHTTP: ("HTTP {0}", "HTTP {0}")
        case .ffHTTPWith: ("HTTP {0} ({1})", "HTTP {0}（{1}）")
        case .ffHTTPShort: ("HTTP {0} {1}", "HTTP {0} {1}")
        case .ffRetryAfter: ("retry after {0} s", "{0} 秒后重试")
        case .ffSeparator: ("; ", "；")
        case .ffTooLargeAnnounced: ("too large: the server announces {0} bytes; the limit is {1}", "过大：服务器声明 {0} 字节，上限 {1}")
        case .ffTooLarge: ("too large: more than {0} bytes", "过大：超过 {0} 字节")
        case .ffTruncated: ("truncated: {0} of {1} bytes", "不完整：{1} 字节只收到 {0}")
        case .ffNotFeed: ("{0} (HTTP {1})", "{0}（HTTP {1}）")
        case .ffEmpty: ("an empty body, not CAP, Atom or RSS", "内容为空，不是 CAP、Atom 或 RSS")
        case .ffJSON: ("JSON, not CAP, Atom or RSS", "是 JSON，不是 CAP、Atom 或 RSS")
        case .ffHTML: ("an HTML page, not CAP, Atom or RSS", "是 HTML 网页，不是 CAP、Atom 或 RSS")
        case .ffWebPagesOne: ("an index of {0} entry linking only to web pages, none to a CAP message", "索引的 {0} 个条目只链接网页，没有 CAP 消息")
        case .ffWebPages: ("an index of {0} entries linking only to web pages, none to a CAP message", "索引的 {0} 个条目只链接网页，没有 CAP 消息")
        case .ffEntry: ("{0}: {1}", "{0}：{1}")
        case .ffNoLink: ("no link", "没有链接")
        case .ffStoreRefused: ("the store refused the import: {0}", "数据库拒绝导入：{0}")
        case .http400: ("bad request", "请求有误")
        case .http401: ("unauthorized", "未授权")
        case .http403: ("forbidden", "禁止访问")
        case .http404: ("not found", "未找到")
        case .http410: ("gone", "已删除")
        case .http429: ("too many requests", "请求过多")
        case .http500: ("server error", "服务器错误")
        case .http502: ("bad gateway", "网关错误")
        case .http503: ("service unavailable", "服务不可用")
        case .http504: ("gateway timeout", "网关超时")
        case .http3xx: ("redirect without a usable Location", "重定向没有可用的 Location")
        case .feedFailing: ("feeds failing {0}/{1}: {2} {3}", "订阅故障 {0}/{1}：{2} {3}")
        case .queue: ("queue {0}", "待同步 {0}")
        case .rejectedCount: ("{0} rejected", "{0} 条被拒")
        case .rejectionsAcknowledged: ("{0} rejections acknowledged (dutydesk rejections lists them)", "已确认 {0} 条被拒事件（dutydesk rejections 可查看）")
        case .online: ("online", "在线")
        case .offline: ("offline", "离线")
        case .waiting: ("waiting {0}", "等待 {0}")
        case .lastSync: ("synced {0} ago", "{0}前同步")
        case .syncedJustNow: ("synced just now", "刚刚同步")
        case .never: ("never synced", "从未同步")
        case .syncError: ("error: {0}", "错误：{0}")
        case .clockBehind: ("clock {0} slow", "本机时钟慢{0}")
        case .clockAhead: ("clock {0} fast", "本机时钟快{0}")
        case .activeOnly: ("active", "生效中")
        case .allAlerts: ("all", "全部")
        case .detailID: ("ID", "编号")
        case .detailSent: ("Sent", "发布时间")
        case .detailSender: ("Sender", "发布单位")
        case .detailDescription: ("Description", "内容")
        case .detailInstruction: ("Instruction", "防御指引")
        case .detailContact: ("Contact", "联系方式")
        case .detailOrganiser: ("Organiser", "组织单位")
        case .detailEvaluation: ("Evaluation", "评估意见")
        case .familyNational: ("national", "国家综合性")
        case .familyProfessional: ("professional", "专业")
        case .familyAviation: ("aviation", "航空")
        case .familySocial: ("social", "社会")
        case .familyMilitary: ("military", "军队")
        case .tooSmall: ("Terminal too small ({0}×{1}); need at least 40×10", "终端太小（{0}×{1}）；至少需要 40×10")
        case .empty: ("(nothing to show)", "（无记录）")
        case .loading: ("loading…", "加载中…")
        case .filterPrompt: ("filter: ", "筛选：")
        case .sortLabel: ("sort {0}", "排序 {0}")
        case .calendar: ("calendar", "日历")
        case .groupedBy: ("by {0}", "按{0}")
        case .colLevel: ("Lvl", "级别")
        case .colHazard: ("Hazard", "灾种")
        case .colArea: ("Area", "地区")
        case .colReceived: ("Received", "接收时间")
        case .colAge: ("Age", "时长")
        case .colState: ("State", "状态")
        case .colAcks: ("Ack", "确认")
        case .colHeadline: ("Headline", "标题")
        case .colKind: ("Kind", "类别")
        case .colName: ("Name", "名称")
        case .colHome: ("Home", "驻地")
        case .colStatus: ("Status", "状态")
        case .colSince: ("Since", "持续")
        case .colAlert: ("Alert", "预警")
        case .colStrength: ("Str", "人数")
        case .colDepot: ("Depot", "仓库")
        case .colItem: ("Item", "物资")
        case .colStock: ("Stock", "库存")
        case .colQty: ("Qty/Min", "数量/下限")
        case .colUom: ("Unit", "单位")
        case .colFlags: ("Flags", "提示")
        case .colExpires: ("Expires", "到期")
        case .colDate: ("Date", "日期")
        case .colTitle: ("Title", "名称")
        case .colForm: ("Form", "形式")
        case .colScope: ("Scope", "范围")
        case .colMarks: ("J/DB", "联/盲")
        case .colDays: ("When", "距今")
        case .flagLow: ("LOW", "低于下限")
        case .flagExpiring: ("EXP", "临期")
        case .flagNegative: ("NEG", "负库存")
        case .markJoint: ("J", "联")
        case .markDoubleBlind: ("DB", "盲")
        case .today: ("today", "今天")
        case .inDays: ("in {0}d", "{0}天后")
        case .daysAgo: ("{0}d ago", "{0}天前")
        case .ageMinutes: ("{0}m", "{0}分钟")
        case .ageHours: ("{0}h", "{0}小时")
        case .ageDays: ("{0}d", "{0}天")
        case .ageNow: ("now", "刚刚")
        case .allLevels: ("all levels", "全部级别")
        case .allCategories: ("all categories", "全部类别")
        case .levelFilter: ("depot level: {0}", "仓库级别：{0}")
        case .categoryFilter: ("category: {0}", "物资类别：{0}")
        case .quantity: ("Quantity", "数量")
        case .reason: ("Reason", "事由")
        case .statusPickerTitle: ("Set status of {0}", "设置 {0} 的状态")
        case .alertIDField: ("Alert", "预警编号")
        case .alertIDHint: ("the alert this unit serves (empty: none)", "该力量服务的预警（可空）")
        case .issueTitle: ("Issue {0} from {1}", "从 {1} 出库 {0}")
        case .receiveTitle: ("Receive {0} into {1}", "{1} 入库 {0}")
        case .countTitle: ("Count {0} at {1}", "盘点 {1} 的 {0}")
        case .drillTitle: ("Schedule a drill", "安排演练")
        case .fieldTitle: ("Title", "名称")
        case .fieldDate: ("Date (YYYY-MM-DD)", "日期（年-月-日）")
        case .fieldHazard: ("Hazard", "灾种")
        case .fieldForm: ("Form", "形式")
        case .fieldScope: ("Scope", "范围")
        case .fieldRegion: ("Region (code or name)", "地区（代码或名称）")
        case .fieldJoint: ("Joint (cross-region)", "联合（跨区域）")
        case .fieldDoubleBlind: ("Double-blind", "双盲")
        case .yes: ("yes", "是")
        case .no: ("no", "否")
        case .dialogHints: ("Enter save · Tab next field · ←/→ choose · Esc cancel", "Enter 保存 · Tab 下一项 · ←/→ 选择 · Esc 取消")
        case .pickerHints: ("↑/↓ choose · Enter select · Esc cancel", "↑/↓ 选择 · Enter 确定 · Esc 取消")
        case .discardTitle: ("Discard unsaved input?", "放弃未保存的输入？")
        case .discardHint: ("y quit and discard · n keep editing", "y 退出并放弃 · n 继续编辑")
        case .onHand: ("on hand {0} {1}, minimum {2}", "现有 {0}{1}，下限 {2}")
        case .detailTitle: ("Details", "详情")
        case .detailHints: ("↑/↓ scroll · Esc close", "↑/↓ 滚动 · Esc 关闭")
        case .helpTitle: ("Keys", "按键")
        case .helpHints: ("Esc or ? close", "Esc 或 ? 关闭")
        case .errNotNumber: ("quantity must be a whole number", "数量必须是整数")
        case .errNotPositive: ("quantity must be more than 0", "数量必须大于 0")
        case .errNegative: ("a count cannot be negative", "盘点数量不能为负")
        case .errMoreThanOnHand: ("cannot issue {0}: only {1} on hand", "无法出库 {0}：现有仅 {1}")
        case .errTitleEmpty: ("the drill needs a title", "演练名称不能为空")
        case .errBadDate: ("date must be YYYY-MM-DD", "日期格式应为 年-月-日")
        case .errBadRegion: ("unknown region '{0}'", "未知地区“{0}”")
        case .errNothingSelected: ("nothing selected", "未选中记录")
        case .errWrongPane: ("'{0}' works in the {1} pane", "“{0}”仅用于{1}窗格")
        case .errUnknownCommand: ("unknown command '{0}'", "未知命令“{0}”")
        case .errUsage: ("usage: {0}", "用法：{0}")
        case .errPaneNotInLayout: ("{0} is not in this layout; shown zoomed (z to return)", "当前布局无{0}窗格；已放大显示（z 返回）")
        case .errBadLanguage: ("language must be zh or en", "语言只能是 zh 或 en")
        case .acknowledged: ("Acknowledged {0}", "已确认 {0}")
        case .alreadyAcknowledged: ("{0} is already acknowledged by this office", "本单位已确认 {0}")
        case .statusSet: ("{0} is now {1}", "{0} 已设为{1}")
        case .stockIssued: ("Issued {0} {1} from {2}", "已从{2}出库 {0}{1}")
        case .stockReceived: ("Received {0} {1} into {2}", "{2} 已入库 {0}{1}")
        case .stockCounted: ("Counted {0} {1} at {2}", "{2} 盘点为 {0}{1}")
        case .drillScheduled: ("Scheduled drill {0}", "已安排演练 {0}")
        case .themeSet: ("Theme {0}", "主题 {0}")
        case .layoutSet: ("Layout {0}", "布局 {0}")
        case .languageSet: ("Language: English", "语言：简体中文")
        case .palettePrompt: (":", "：")
        case .paletteHints: ("Tab complete · Enter run · Esc cancel", "Tab 补全 · Enter 执行 · Esc 取消")
        case .paletteNoMatch: ("no matching command", "没有匹配的命令")
        case .hFocusNext: ("next pane", "下一个窗格")
        case .hFocusPrev: ("previous pane", "上一个窗格")
        case .hFocusPane: ("focus alerts / units / stock / drills", "切换到 预警/力量/物资/演练")
        case .hDown: ("move down", "下移")
        case .hUp: ("move up", "上移")
        case .hPageDown: ("page down", "下一页")
        case .hPageUp: ("page up", "上一页")
        case .hTop: ("first row", "第一行")
        case .hBottom: ("last row", "最后一行")
        case .hDetail: ("details of the selected row", "查看选中记录详情")
        case .hFilter: ("filter rows as you type (Enter keep, Esc clear)", "输入筛选（Enter 保留，Esc 清除）")
        case .hSort: ("cycle the sort order (units: group by kind/status)", "切换排序（力量：按类别/状态分组）")
        case .hZoom: ("zoom the focused pane", "放大当前窗格")
        case .hHelp: ("this help", "本帮助")
        case .hPalette: ("command palette", "命令面板")
        case .hAck: ("acknowledge the selected alert", "确认选中的预警")
        case .hUnitStatus: ("set the selected unit's status", "设置选中力量的状态")
        case .hIssue: ("issue stock from the selected line", "出库")
        case .hReceive: ("receive stock into the selected line", "入库")
        case .hCount: ("record a stock count (stock) / month calendar (drills)", "盘点（物资）/ 月历（演练）")
        case .hSchedule: ("schedule a drill", "安排演练")
        case .hCalendar: ("month calendar view", "月历视图")
        case .hQuit: ("quit", "退出")
        case .hForceQuit: ("quit from anywhere", "任何时候退出")
        case .hLevel: ("stock: cycle depot level filter", "物资：切换仓库级别筛选")
        case .hCategory: ("stock: cycle category filter", "物资：切换物资类别筛选")
        case .hScope: ("alerts: active only / all", "预警：仅生效 / 全部")
        case .hNote: ("write a duty-log note (linked to the selected alert in the alerts pane)", "写值班记录（在预警窗格时关联选中的预警）")
        case .hLog: ("the duty log: this shift, all, one alert or one operator", "值班日志：本班、全部、某预警或某值班员")
        case .hUndo: ("undo the selected duty-log line, with a reason", "撤销日志中选中的操作（须填事由）")
        case .hCorrect: ("correct one action by its event id, with a reason", "按事件编号更正一项操作（须填事由）")
        case .hHandover: ("the shift handover record; the incoming officer acknowledges it", "交接班记录；接班人确认后开始新班次")
        case .hTheme: ("switch theme", "切换主题")
        case .hLayout: ("switch layout", "切换布局")
        case .hLang: ("switch language", "切换语言")
        case .hRejections: ("acknowledge what the centre rejected", "确认被中心拒绝的事件")
        case .onDuty: ("on duty {0} · lead {1}", "值班 {0} · 带班 {1}")
        case .noteWritten: ("Note written to the duty log", "已记入值班日志")
        case .noteWrittenFor: ("Note written to the duty log for {0}", "已记入值班日志（预警 {0}）")
        case .notePrompt: ("note: ", "值班记录：")
        case .notePromptAlert: ("note on {0}: ", "记录（预警 {0}）：")
        case .undoPrompt: ("undo {0}, reason: ", "撤销 {0}，事由：")
        case .corrected: ("Corrected {0} (a compensating event; both stay in the log)", "已更正 {0}（补偿事件；原记录保留在日志中）")
        case .errUndoWhat: ("open the log (L), select the action and press u", "请先打开日志（L），选中要撤销的操作后按 u")
        case .logTitle: ("Duty log · {0} · {1} lines", "值班日志 · {0} · {1} 条")
        case .logShift: ("shift of {0}", "{0} 的班次")
        case .logDay: ("last 24 hours", "最近 24 小时")
        case .logOf: ("{0}", "{0}")
        case .logHints: ("↑/↓ move · u undo · N note · Esc close", "↑/↓ 移动 · u 撤销 · N 记录 · Esc 关闭")
        case .logRejected: ("[rejected by the centre: {0}]", "[中心拒绝：{0}]")
        case .timelineTitle: ("Timeline", "时间线")
        case .handoverTitle: ("Handover", "交接班")
        case .handoverHints: ("a acknowledge as the incoming officer · ↑/↓ scroll · Esc close", "a 接班确认 · ↑/↓ 滚动 · Esc 关闭")
        case .fieldOfficer: ("Incoming officer", "接班值班员")
        case .fieldLeader: ("Leader on duty (带班领导)", "带班领导")
        case .tookOver: ("Handover acknowledged: {0} on duty, {1} leading", "交接完成：值班员 {0}，带班领导 {1}")
        case .confirmHint: ("y yes · n no", "y 是 · n 否")
        case .belowMinimumAsk: ("Issuing {0} leaves {1}, below the minimum {2}. Issue?", "出库 {0} 后剩 {1}，低于下限 {2}。确定出库？")
        case .hintsAlerts: ("a ack · Enter details · / filter · s sort · v active/all · : commands · ? help · q quit",
                            "a 确认 · Enter 详情 · / 筛选 · s 排序 · v 生效/全部 · : 命令 · ? 帮助 · q 退出")
        case .hintsUnits: ("u set status · Enter details · / filter · s group · : commands · ? help · q quit",
                           "u 设状态 · Enter 详情 · / 筛选 · s 分组 · : 命令 · ? 帮助 · q 退出")
        case .hintsStock: ("i issue · r receive · c count · l level · t category · / filter · ? help · q quit",
                           "i 出库 · r 入库 · c 盘点 · l 级别 · t 类别 · / 筛选 · ? 帮助 · q 退出")
        case .hintsDrills: ("n schedule · c calendar · Enter details · / filter · : commands · ? help · q quit",
                            "n 安排 · c 月历 · Enter 详情 · / 筛选 · : 命令 · ? 帮助 · q 退出")
        case .plainStart: ("DutyDesk, plain text. {0}, operator {1}. Type help for the commands.",
                           "DutyDesk 纯文本模式。{0}，值班员 {1}。输入 help 查看命令。")
        case .plainSummary: ("{0} active alerts: level I {1}, level II {2}, level III {3}, level IV {4}. {5} events waiting to sync.",
                             "生效预警 {0} 条：I 级 {1}，II 级 {2}，III 级 {3}，IV 级 {4}。待同步事件 {5} 条。")
        case .plainAlert: ("{0}. Level {1} {2}, {3}, {4}, {5}, {6}, {7} acknowledgments{8}. {9}. ID {10}",
                           "{0}. {1} 级{2}，{3}，{4}，{5}，{6}，确认 {7} 次{8}。{9}。编号 {10}")
        case .plainAgo: ("{0} ago", "{0}前")
        case .plainOurs: (", acknowledged by this office", "，本单位已确认")
        case .plainNewAlert: ("NEW ALERT: {0}", "新预警：{0}")
        case .plainSyncFailed: ("SYNC FAILED: {0}", "同步失败：{0}")
        case .plainSyncOnline: ("Sync is online again.", "同步已恢复。")
        case .plainUnit: ("{0}. {1}, {2}, {3}, {4}{5}. ID {6}", "{0}. {1}，{2}，{3}，{4}{5}。编号 {6}")
        case .plainStock: ("{0}. {1}: {2}, {3} {4} (minimum {5}){6}", "{0}. {1}：{2}，{3}{4}（下限 {5}）{6}")
        case .plainDrill: ("{0}. {1}, {2}, {3}, {4}. ID {5}", "{0}. {1}，{2}，{3}，{4}。编号 {5}")
        case .plainHelp: ("""
            Commands (a number is a line of the last list):
              alerts            list the active alerts
              units             list the units
              stock             list the stock lines, shortest first
              drills            list the drills
              show N|ID         everything about one alert, unit, stock line or drill
              ack N|ID          acknowledge an alert
              status N STATUS [ALERT]   set a unit's status (dispatched, en-route, on-scene, returning, available...)
              summary           the alert counts and the sync queue
              lang zh|en        switch language
              help              this list
              quit              leave
            """, """
            命令（数字指上一个列表中的行号）：
              alerts            列出生效预警
              units             列出救援力量
              stock             列出物资储备（缺口大者在前）
              drills            列出演练计划
              show 行号|编号    查看一条预警、力量、物资或演练的详情
              ack 行号|编号     确认预警
              status 行号 状态 [预警]   设置力量状态（dispatched、en-route、on-scene、returning、available……）
              summary           预警数量与待同步事件
              lang zh|en        切换语言
              help              本列表
              quit              退出
            """)
        case .plainUnknown: ("Unknown command '{0}'. Type help for the commands.", "未知命令“{0}”。输入 help 查看命令。")
        case .plainNoSuch: ("No line {0} in the last list of {1}. Type {2} to list them.", "上一个{1}列表中没有第 {0} 行。输入 {2} 列出。")
        case .plainBye: ("Goodbye.", "再见。")
        case .plainListHint: ("{0} {1}:", "{1}（{0}）：")
        case .plainMore: ("…and more; narrow with a filter word after the command.", "……还有更多；可在命令后加筛选词。")
        case .plainDetail: ("{0}: {1}", "{0}：{1}")
        case .alarmAlert: ("level {0} ({1}) alert: {2}", "{0}级（{1}）预警：{2}")
        case .alarmMissed: ("deadline missed: {0} (alert {1})", "超时未完成：{0}（预警 {1}）")
        case .alarmMore: ("(+{0} more)", "（另有 {0} 条）")
        case .alarmHint: ("! acknowledge", "! 确认警报")
        case .alarmAcknowledged: ("{0} alarms acknowledged", "已确认 {0} 条警报")
        case .alarmNone: ("no alarm to acknowledge", "没有待确认的警报")
        case .alarmSilenced: ("alarm sound off (banners still show); :alarm on restores it", "警报声已关闭（横幅仍显示）；:警报 on 恢复")
        case .alarmOn: ("alarm sound on", "警报声已开启")
        case .missedCount: ("!{0}", "!{0}")
        case .colDue: ("Due", "时限")
        case .stepsTitle: ("Duty steps", "值班步骤")
        case .stepDone: ("done by {0} at {1}", "{0} 于 {1} 完成")
        case .stepLate: ("(late)", "（超时）")
        case .stepMissed: ("OVERDUE", "已超时")
        case .stepMarked: ("{0} done for alert {1}", "预警 {1}：{0} 已完成")
        case .noOpenStep: ("the alert has no open duty step", "该预警没有待办的值班步骤")
        case .errNoStep: ("unknown step '{0}' (report, passOn, relief:AREA)", "未知步骤“{0}”（report、passOn、relief:地区）")
        case .unitsMarked: ("{0} units marked for dispatch (D dispatches them)", "已选 {0} 支力量待调派（D 调派）")
        case .releaseOffer: ("alert {0} has ended with units out: R releases them to their earlier status", "预警 {0} 已结束，仍有力量在外：按 R 归队并恢复原状态")
        case .dispatched: ("{0} units dispatched to alert {1}", "已调派 {0} 支力量至预警 {1}")
        case .dispatchAsk: ("{0} — :dispatch {1} yes to take it anyway", "{0} —— 输入 :调派 {1} yes 仍要调派")
        case .errDispatchWhat: ("select an alert and mark units (m) first, or :dispatch ALERT", "请先选中预警并标记力量（m），或输入 :调派 预警")
        case .released: ("{0} units released from alert {1}, back to their earlier status", "预警 {1} 的 {0} 支力量已归队，恢复原状态")
        case .nothingToRelease: ("no ended alert holds units", "没有已结束预警仍占用力量")
        case .searchTitle: ("Search “{0}”: {1}", "搜索“{0}”：{1} 条")
        case .searchNote: ("Note", "记事")
        case .nearestTitle: ("Nearest {0} for {1}", "{1} 就近 {0}")
        case .contactsTitle: ("Duty phones: {0}", "值班电话：{0} 条")
        case .leaderOnDuty: ("leader on duty {0}", "带班领导 {0}")
        case .nearestHints: ("↑↓ move · Enter issue · t transfer · Esc close", "↑↓ 移动 · Enter 出库 · t 调拨 · Esc 关闭")
        case .transferTitle: ("Transfer {0} from {1}", "从 {1} 调拨 {0}")
        case .toDepot: ("To depot", "调入储备库")
        case .stockTransferred: ("Sent {0} {1} from {2} to {3}", "已从{2}调拨 {0}{1} 至 {3}")
        case .errNoDepot: ("Name the depot to send to", "请填写调入储备库")
        case .listHints: ("↑↓ move · Enter open · Esc close", "↑↓ 移动 · Enter 打开 · Esc 关闭")
        case .hAlarmAck: ("acknowledge the alarm banners", "确认警报横幅")
        case .hAlarm: ("turn the alarm sound on or off", "开启或关闭警报声")
        case .hStepDone: ("mark the alert's next duty step done (report, pass on, relief)", "标记预警的下一值班步骤已完成（报告、传达、救助）")
        case .hMarkUnit: ("mark or unmark the unit for dispatch", "标记或取消标记待调派力量")
        case .hDispatch: ("dispatch the marked units to the selected alert", "将标记的力量调派至选中预警")
        case .hRelease: ("release the units of an ended alert to their earlier status", "已结束预警的力量归队并恢复原状态")
        case .hSearch: ("search alerts, units, depots, items, drills and notes (low, expiring, active)", "搜索预警、力量、储备库、物资、演练与记事（low、expiring、active）")
        case .hNearest: ("depots nearest the selected alert holding an item", "选中预警就近存有该物资的储备库")
        case .hContacts: ("duty phones and the leader on duty", "值班电话与带班领导")
        case .hQuarantine: ("CAP messages that could not be imported: retry or drop", "未能导入的预警消息：重试或删除")
        case .quarantineTitle: ("Quarantine: {0}", "隔离区：{0} 条")
        case .quarantineHints: ("↑↓ move · r retry · x drop · Esc close", "↑↓ 移动 · r 重试 · x 删除 · Esc 关闭")
        case .quarantineRetried: ("quarantine #{0} imported and removed", "隔离 #{0} 已导入并移出")
        case .quarantineStill: ("quarantine #{0} still refused: {1}", "隔离 #{0} 仍被拒绝：{1}")
        case .quarantineDropped: ("quarantine #{0} dropped", "隔离 #{0} 已删除")
        }
    }
}

/// Looks up catalog strings for a language.
struct Catalog {
    var language: Language

    func callAsFunction(_ key: S, _ args: CustomStringConvertible...) -> String {
        let text = language == .zh ? key.names.zh : key.names.en
        return args.isEmpty ? text : Catalog.fill(text, args.map(\.description))
    }

    func name(_ value: some Named) -> String { value.name(language) }

    /// `{0}`, `{1}`… replaced by the arguments (`Template.fill`, shared with the CLI's catalog).
    static func fill(_ template: String, _ args: [String]) -> String { Template.fill(template, args) }

    func pane(_ kind: PaneKind) -> String { self(kind.model.name) }
}
