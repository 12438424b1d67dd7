package io.costlake.provider;

import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.provider.aws.AwsCurAdapter;
import io.costlake.provider.azure.AzureAdapter;
import io.costlake.provider.focus.FocusAdapter;
import io.costlake.provider.gcp.GcpAdapter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The providers costlake ingests, by the name used on the command line and in x_Provider. */
public enum Provider {
  AWS("aws") {
    @Override
    public ProviderAdapter adapter(CostlakeConfig config) {
      return new AwsCurAdapter();
    }
  },
  GCP("gcp") {
    @Override
    public ProviderAdapter adapter(CostlakeConfig config) {
      return new GcpAdapter();
    }
  },
  AZURE("azure") {
    @Override
    public ProviderAdapter adapter(CostlakeConfig config) {
      return new AzureAdapter();
    }
  },
  FOCUS("focus") {
    @Override
    public ProviderAdapter adapter(CostlakeConfig config) {
      return new FocusAdapter(config.ingest().focus().columnDefaults());
    }
  };

  private final String id;

  Provider(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The adapter that ingests this provider's exports. */
  public ProviderAdapter adapter(CostlakeConfig config) {
    throw CostlakeErrors.unsupportedProvider(id, supportedIds());
  }

  public boolean isSupported() {
    return true;
  }

  public static Provider of(String id) {
    for (Provider provider : values()) {
      if (provider.id.equals(id.toLowerCase(Locale.ROOT))) {
        return provider;
      }
    }
    throw CostlakeErrors.unsupportedProvider(id, supportedIds());
  }

  public static List<String> supportedIds() {
    return Arrays.stream(values())
        .filter(Provider::isSupported)
        .map(Provider::id)
        .collect(Collectors.toList());
  }
}
