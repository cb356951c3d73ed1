import Foundation

/// The demo province's offices: the province, its cities, 72 counties under six of them and a few townships, fixed so
/// the demo (and every screen and figure made from it) stays the same whatever the full catalog holds. Codes and
/// names as they were first written; 140922101 台怀镇 is the demo's own (the code tables file 台怀镇 as 140971100).
enum DemoRegions {
    static let counties = [
        // Taiyuan
        Region(140105, "小店区", "Xiaodian"), Region(140106, "迎泽区", "Yingze"),
        Region(140107, "杏花岭区", "Xinghualing"), Region(140108, "尖草坪区", "Jiancaoping"),
        Region(140109, "万柏林区", "Wanbailin"), Region(140110, "晋源区", "Jinyuan"),
        Region(140121, "清徐县", "Qingxu"), Region(140122, "阳曲县", "Yangqu"),
        Region(140123, "娄烦县", "Loufan"), Region(140181, "古交市", "Gujiao"),
        // Datong
        Region(140212, "新荣区", "Xinrong"), Region(140213, "平城区", "Pingcheng"),
        Region(140214, "云冈区", "Yungang"), Region(140215, "云州区", "Yunzhou"),
        Region(140221, "阳高县", "Yanggao"), Region(140222, "天镇县", "Tianzhen"),
        Region(140223, "广灵县", "Guangling"), Region(140224, "灵丘县", "Lingqiu"),
        Region(140225, "浑源县", "Hunyuan"), Region(140226, "左云县", "Zuoyun"),
        // Changzhi
        Region(140403, "潞州区", "Luzhou"), Region(140404, "上党区", "Shangdang"),
        Region(140405, "屯留区", "Tunliu"), Region(140406, "潞城区", "Lucheng"),
        Region(140423, "襄垣县", "Xiangyuan"), Region(140425, "平顺县", "Pingshun"),
        Region(140426, "黎城县", "Licheng"), Region(140427, "壶关县", "Huguan"),
        Region(140428, "长子县", "Zhangzi"), Region(140429, "武乡县", "Wuxiang"),
        Region(140430, "沁县", "Qinxian"), Region(140431, "沁源县", "Qinyuan"),
        // Jincheng
        Region(140502, "城区", "Chengqu"), Region(140521, "沁水县", "Qinshui"),
        Region(140522, "阳城县", "Yangcheng"), Region(140524, "陵川县", "Lingchuan"),
        Region(140525, "泽州县", "Zezhou"), Region(140581, "高平市", "Gaoping"),
        // Linfen
        Region(141002, "尧都区", "Yaodu"), Region(141021, "曲沃县", "Quwo"),
        Region(141022, "翼城县", "Yicheng"), Region(141023, "襄汾县", "Xiangfen"),
        Region(141024, "洪洞县", "Hongtong"), Region(141025, "古县", "Guxian"),
        Region(141026, "安泽县", "Anze"), Region(141027, "浮山县", "Fushan"),
        Region(141028, "吉县", "Jixian"), Region(141029, "乡宁县", "Xiangning"),
        Region(141030, "大宁县", "Daning"), Region(141031, "隰县", "Xixian"),
        Region(141032, "永和县", "Yonghe"), Region(141033, "蒲县", "Puxian"),
        Region(141034, "汾西县", "Fenxi"), Region(141081, "侯马市", "Houma"),
        Region(141082, "霍州市", "Huozhou"),
        // Lüliang
        Region(141102, "离石区", "Lishi"), Region(141121, "文水县", "Wenshui"),
        Region(141122, "交城县", "Jiaocheng"), Region(141123, "兴县", "Xingxian"),
        Region(141124, "临县", "Linxian"), Region(141125, "柳林县", "Liulin"),
        Region(141126, "石楼县", "Shilou"), Region(141127, "岚县", "Lanxian"),
        Region(141128, "方山县", "Fangshan"), Region(141129, "中阳县", "Zhongyang"),
        Region(141130, "交口县", "Jiaokou"), Region(141181, "孝义市", "Xiaoyi"),
        Region(141182, "汾阳市", "Fenyang"),
        // Xinzhou
        Region(140902, "忻府区", "Xinfu"), Region(140921, "定襄县", "Dingxiang"),
        Region(140922, "五台县", "Wutai"), Region(140981, "原平市", "Yuanping"),
    ]

    // Township codes follow the 9-digit statistical division code scheme under their county.
    static let townships = [
        Region(140121100, "清源镇", "Qingyuan"), Region(140121101, "徐沟镇", "Xugou"),
        Region(140121102, "东于镇", "Dongyu"), Region(140181100, "河口镇", "Hekou"),
        Region(140181101, "镇城底镇", "Zhenchengdi"), Region(141024100, "大槐树镇", "Dahuaishu"),
        Region(141024101, "甘亭镇", "Ganting"), Region(141124100, "临泉镇", "Linquan"),
        Region(140922100, "台城镇", "Taicheng"), Region(140922101, "台怀镇", "Taihuai"),
    ]

    /// The province and its cities are the catalog's own.
    static let all = ShanxiRegions.province + ShanxiRegions.cities + counties + townships
}
