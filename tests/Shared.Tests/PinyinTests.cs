using Platform.ServiceDefaults.Text;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class PinyinTests
{
    [Theory]
    [InlineData("王", "wang")]
    [InlineData("李", "li")]
    [InlineData("张", "zhang")]
    [InlineData("刘", "liu")]
    [InlineData("陈", "chen")]
    [InlineData("杨", "yang")]
    [InlineData("赵", "zhao")]
    [InlineData("黄", "huang")]
    [InlineData("周", "zhou")]
    [InlineData("吴", "wu")]
    [InlineData("徐", "xu")]
    [InlineData("孙", "sun")]
    [InlineData("马", "ma")]
    [InlineData("朱", "zhu")]
    [InlineData("胡", "hu")]
    [InlineData("郭", "guo")]
    [InlineData("何", "he")]
    [InlineData("高", "gao")]
    [InlineData("林", "lin")]
    [InlineData("罗", "luo")]
    public void The_twenty_commonest_surnames_are_spelled_as_clerks_type_them(string surname, string spelled)
    {
        Assert.Equal(spelled, Pinyin.Full(surname));
        Assert.Equal(spelled[..1], Pinyin.Initials(surname));
    }

    [Theory]
    [InlineData("王建国", "wangjianguo", "wjg")]
    [InlineData("李秀英", "lixiuying", "lxy")]
    [InlineData("张桂兰", "zhangguilan", "zgl")]
    [InlineData("刘志强", "liuzhiqiang", "lzq")]
    [InlineData("陈秀英", "chenxiuying", "cxy")]
    public void Common_given_names_are_spelled_without_tones_or_spaces(string name, string full, string initials)
    {
        Assert.Equal(full, Pinyin.Full(name));
        Assert.Equal(initials, Pinyin.Initials(name));
    }

    [Theory]
    [InlineData("单田芳", "shantianfang")]
    [InlineData("曾国藩", "zengguofan")]
    [InlineData("区志强", "ouzhiqiang")]
    [InlineData("令狐冲", "linghuchong")]
    [InlineData("长孙无忌", "zhangsunwuji")]
    public void A_surname_with_its_own_reading_is_read_so_at_the_start_of_a_name(string name, string full) =>
        Assert.Equal(full, Pinyin.Full(name));

    [Fact]
    public void A_surname_reading_is_not_used_inside_a_given_name()
    {
        // 单 and 区 read as surnames only first; inside a given name they keep their common reading.
        Assert.Equal("wangdan", Pinyin.Full("王单"));
        Assert.Equal("liqu", Pinyin.Full("李区"));
        Assert.Equal("shan", Pinyin.Full("单"));
    }

    [Fact]
    public void Each_name_in_a_text_starts_its_own_surname()
    {
        Assert.Equal("zhangsanshantianfang", Pinyin.Full("张三 单田芳"));
        Assert.Equal("zsstf", Pinyin.Initials("张三、单田芳"));
    }

    [Fact]
    public void U_with_umlaut_is_written_v_as_input_methods_type_it()
    {
        Assert.Equal("lvxiuying", Pinyin.Full("吕秀英"));
        Assert.Equal("lv", Pinyin.Full("lǚ"));
        Assert.Equal("lv", Pinyin.Full("Lü"));
    }

    [Fact]
    public void Latin_letters_and_digits_pass_through_lowercased_and_everything_else_is_dropped()
    {
        Assert.Equal("wangxiulan", Pinyin.Full("Wang Xiulan"));
        Assert.Equal("wx", Pinyin.Initials("Wang Xiulan"));
        Assert.Equal("wang", Pinyin.Full("wáng"));
        Assert.Equal("wangjianguo2", Pinyin.Full("王建国（2）"));
        Assert.Equal("ayiguliab", Pinyin.Full("阿依古丽·AB"));
        Assert.Equal("ayiguliab", Pinyin.Full("阿依古丽·ＡＢ"));
        Assert.Equal("", Pinyin.Full("·—！"));
        Assert.Equal("", Pinyin.Full(null));
        Assert.Equal("", Pinyin.Initials("  "));
    }

    [Fact]
    public void A_character_outside_the_table_is_dropped()
    {
        // U+20000 is outside the Basic Multilingual Plane, which is all the table holds.
        Assert.Equal("wangfang", Pinyin.Full("王\U00020000芳"));
    }
}
