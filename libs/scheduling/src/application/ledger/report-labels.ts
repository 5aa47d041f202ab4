/**
 * Names of the report's fixed dimensions in English and Chinese: regions, the provinces of China (as
 * the catalog spells them, in English) and common partner countries, and the usual discipline codes.
 * A value not listed is shown as it was typed, in both languages.
 */
export interface PlaceName {
  en: string;
  zh: string;
}

const named = (entries: [string, string, string][]): Map<string, PlaceName> => new Map(entries.map(([key, en, zh]) => [key, { en, zh }]));

export const REGION_NAMES = named([
  ['east', 'East', '东部'],
  ['west', 'West', '西部'],
  ['international', 'International', '国际'],
]);

const place = (en: string, zh: string): [string, string, string] => [en, en, zh];

export const PROVINCE_NAMES = named([
  place('Beijing', '北京'),
  place('Tianjin', '天津'),
  place('Hebei', '河北'),
  place('Shanxi', '山西'),
  place('Inner Mongolia', '内蒙古'),
  place('Liaoning', '辽宁'),
  place('Jilin', '吉林'),
  place('Heilongjiang', '黑龙江'),
  place('Shanghai', '上海'),
  place('Jiangsu', '江苏'),
  place('Zhejiang', '浙江'),
  place('Anhui', '安徽'),
  place('Fujian', '福建'),
  place('Jiangxi', '江西'),
  place('Shandong', '山东'),
  place('Henan', '河南'),
  place('Hubei', '湖北'),
  place('Hunan', '湖南'),
  place('Guangdong', '广东'),
  place('Guangxi', '广西'),
  place('Hainan', '海南'),
  place('Chongqing', '重庆'),
  place('Sichuan', '四川'),
  place('Guizhou', '贵州'),
  place('Yunnan', '云南'),
  place('Tibet', '西藏'),
  place('Xizang', '西藏'),
  place('Shaanxi', '陕西'),
  place('Gansu', '甘肃'),
  place('Qinghai', '青海'),
  place('Ningxia', '宁夏'),
  place('Xinjiang', '新疆'),
  place('Hong Kong', '香港'),
  place('Macao', '澳门'),
  place('Macau', '澳门'),
  place('Taiwan', '台湾'),
  place('United Kingdom', '英国'),
  place('Germany', '德国'),
  place('France', '法国'),
  place('Russia', '俄罗斯'),
  place('Kazakhstan', '哈萨克斯坦'),
  place('Kyrgyzstan', '吉尔吉斯斯坦'),
  place('Tajikistan', '塔吉克斯坦'),
  place('Uzbekistan', '乌兹别克斯坦'),
  place('Pakistan', '巴基斯坦'),
  place('Mongolia', '蒙古国'),
  place('Nepal', '尼泊尔'),
  place('Laos', '老挝'),
  place('Thailand', '泰国'),
  place('Vietnam', '越南'),
  place('Myanmar', '缅甸'),
  place('United States', '美国'),
]);

export const DISCIPLINE_NAMES = named([
  ['agriculture', 'Agriculture', '农学'],
  ['architecture', 'Architecture', '建筑学'],
  ['art', 'Art', '艺术学'],
  ['biology', 'Biology', '生物学'],
  ['chemistry', 'Chemistry', '化学'],
  ['chinese-literature', 'Chinese language and literature', '中国语言文学'],
  ['computer-science', 'Computer science', '计算机科学与技术'],
  ['ecology', 'Ecology', '生态学'],
  ['economics', 'Economics', '经济学'],
  ['education', 'Education', '教育学'],
  ['electrical-engineering', 'Electrical engineering', '电气工程'],
  ['engineering', 'Engineering', '工学'],
  ['english', 'English language and literature', '英语语言文学'],
  ['geography', 'Geography', '地理学'],
  ['history', 'History', '历史学'],
  ['law', 'Law', '法学'],
  ['management', 'Management', '管理学'],
  ['mathematics', 'Mathematics', '数学'],
  ['mechanical-engineering', 'Mechanical engineering', '机械工程'],
  ['medicine', 'Medicine', '医学'],
  ['philosophy', 'Philosophy', '哲学'],
  ['physics', 'Physics', '物理学'],
  ['psychology', 'Psychology', '心理学'],
  ['sociology', 'Sociology', '社会学'],
  ['statistics', 'Statistics', '统计学'],
]);
