using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glasklar.Privacy.Images;

/// <summary>How modules obtain the sanitiser; the implementation itself stays internal.</summary>
public static class ImageSanitizerServiceCollectionExtensions
{
    public static IServiceCollection AddImageSanitizer(this IServiceCollection services)
    {
        services.TryAddSingleton<IImageSanitizer>(ImageSanitizer.Instance);
        return services;
    }
}
