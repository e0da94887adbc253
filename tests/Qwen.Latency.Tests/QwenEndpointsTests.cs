using System;
using Qwen.Latency;

namespace Qwen.Latency.Tests;

public class QwenEndpointsTests
{
    [Theory]
    [InlineData("https://dashscope.aliyuncs.com/compatible-mode/v1", true)]
    [InlineData("https://dashscope-intl.aliyuncs.com/api/v1/tasks/1", true)]
    [InlineData("https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1", true)]
    [InlineData("https://ws-123.cn-beijing.maas.aliyuncs.com/compatible-mode/v1", true)]
    [InlineData("https://oss-cn-beijing.aliyuncs.com/bucket", false)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("https://dashscope.aliyuncs.com.evil.example/v1", false)]
    public void IsDashScopeHost(string url, bool expected) => Assert.Equal(expected, QwenEndpoints.IsDashScopeHost(new Uri(url)));

    [Fact]
    public void CompatibleEndpoints_AreDashScopeHosts()
    {
        foreach (var uri in new[] { QwenEndpoints.CompatibleBeijing, QwenEndpoints.CompatibleSingapore, QwenEndpoints.CompatibleVirginia, QwenEndpoints.CompatibleHongKong })
        {
            Assert.True(QwenEndpoints.IsDashScopeHost(uri));
            Assert.EndsWith("/compatible-mode/v1", uri.AbsoluteUri);
        }
    }
}
