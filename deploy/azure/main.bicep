// Paraloom on Azure: an AKS cluster, an Azure Container Registry it pulls the silo image from, and an Azure Database
// for PostgreSQL Flexible Server (the silos' membership, grain state and reminders) reachable only from the cluster's
// virtual network. Deploy into a resource group:
//   az deployment group create --resource-group paraloom-rg --template-file deploy/azure/main.bicep \
//     --parameters postgresAdministratorPassword="$(openssl rand -base64 24)"
// then follow deploy/azure/README.md (image, connection-string Secret, production overlay).

@description('Azure region of every resource (default: the resource group\'s).')
param location string = resourceGroup().location

@description('Prefix of the resource names: the cluster is <prefix>-aks, the database server <prefix>-<suffix>-pg.')
@minLength(3)
@maxLength(20)
param namePrefix string = 'paraloom'

@description('Container registry name: globally unique, 5-50 letters and digits (default: derived from the resource group).')
@minLength(5)
@maxLength(50)
param registryName string = '${namePrefix}${uniqueString(resourceGroup().id)}'

@description('Virtual machine size of the cluster\'s nodes (each node runs a few silos of 0.5-2 CPUs).')
param nodeVmSize string = 'Standard_D4s_v5'

@description('Nodes the cluster starts with and never goes below.')
@minValue(1)
param nodeCount int = 2

@description('Nodes the cluster autoscaler may grow to as the silo autoscaler adds pods.')
@minValue(1)
param maxNodeCount int = 5

@description('PostgreSQL administrator login; the silos connect with it (connection string in the Secret paraloom-postgres).')
param postgresAdministratorLogin string = 'paraloom'

@description('PostgreSQL administrator password: give it at deployment, never store it in the repository.')
@secure()
@minLength(16)
param postgresAdministratorPassword string

@description('PostgreSQL major version.')
@allowed(['16', '17'])
param postgresVersion string = '16'

@description('PostgreSQL compute size (SKU name), e.g. Standard_B2ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('PostgreSQL pricing tier matching postgresSkuName.')
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'GeneralPurpose'

@description('PostgreSQL storage in GiB (grows automatically when full).')
@minValue(32)
param postgresStorageGB int = 32

@description('Zone-redundant standby for PostgreSQL: a failover target in another availability zone (doubles its cost).')
param postgresHighAvailability bool = false

@description('Days PostgreSQL keeps backups for point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('The database the silos use.')
param databaseName string = 'paraloom'

var clusterName = '${namePrefix}-aks'
var postgresName = '${namePrefix}-${uniqueString(resourceGroup().id)}-pg'
// Built-in role definitions: AcrPull lets the nodes pull images, Network Contributor lets AKS manage its subnet.
var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var networkContributorRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4d97b98b-1d4f-4787-a291-c67834d212e7')

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${namePrefix}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    subnets: [
      {
        name: 'aks'
        properties: {
          addressPrefix: '10.0.0.0/20'
        }
      }
      {
        // Delegated to PostgreSQL: the server gets a private address here and no public endpoint.
        name: 'postgres'
        properties: {
          addressPrefix: '10.0.16.0/24'
          delegations: [
            {
              name: 'postgres'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

resource aksSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: network
  name: 'aks'
}

resource postgresSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: network
  name: 'postgres'
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    // Nodes pull with the cluster's identity (AcrPull below); no shared admin password.
    adminUserEnabled: false
  }
}

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: clusterName
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vmSize: nodeVmSize
        count: nodeCount
        enableAutoScaling: true
        minCount: nodeCount
        maxCount: maxNodeCount
        vnetSubnetID: aksSubnet.id
      }
    ]
    networkProfile: {
      // Pods get addresses from an overlay range, so the subnet only holds nodes.
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '192.168.0.0/16'
      serviceCidr: '10.1.0.0/16'
      dnsServiceIP: '10.1.0.10'
    }
  }
}

resource clusterManagesSubnet 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(aksSubnet.id, cluster.id, networkContributorRole)
  scope: aksSubnet
  properties: {
    roleDefinitionId: networkContributorRole
    principalId: cluster.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource nodesPullImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, cluster.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: acrPullRole
    principalId: cluster.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
  }
}

resource postgresDns 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${postgresName}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresDns
  name: 'paraloom-vnet'
  location: 'global'
  properties: {
    virtualNetwork: {
      id: network.id
    }
    registrationEnabled: false
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdministratorLogin
    administratorLoginPassword: postgresAdministratorPassword
    storage: {
      storageSizeGB: postgresStorageGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: postgresHighAvailability ? 'ZoneRedundant' : 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: postgresSubnet.id
      privateDnsZoneArmResourceId: postgresDns.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    postgresDnsLink
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

@description('The AKS cluster: az aks get-credentials --resource-group <group> --name <clusterName>.')
output clusterName string = cluster.name

@description('Where to push the silo image: <registryLoginServer>/paraloom-silo:<tag>.')
output registryLoginServer string = registry.properties.loginServer

@description('The PostgreSQL host for the silos\' connection string (private: reachable from the cluster only).')
output postgresHost string = postgres.properties.fullyQualifiedDomainName

@description('The database the silos use.')
output databaseName string = database.name
